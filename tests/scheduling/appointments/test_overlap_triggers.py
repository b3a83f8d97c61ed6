"""SQLite's overlap triggers: what they must refuse, and the updates they may skip."""

import sqlite3

import pytest

from clinicops.supervisor import migrate
from tests.support.dates import days_ahead, today_utc

TODAY, DAY = today_utc().isoformat(), days_ahead(14).isoformat()  # the triggers compare times, not the calendar
ROW = (
    'INSERT INTO appointment (id, patient_id, provider_id, location_id, start, "end", status, needs_reschedule,'
    f" created_at, updated_at) VALUES (?, ?, 'prov', 'loc', ?, ?, ?, 0, '{TODAY}', '{TODAY}')"
)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "scheduling.db"
    migrate("scheduling", f"sqlite+aiosqlite:///{path}")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")  # appointments without patient rows: only the triggers matter here
    conn.execute(ROW, ("a", "pat-a", f"{DAY}T15:00:00Z", f"{DAY}T15:20:00Z", "booked"))
    conn.execute(ROW, ("b", "pat-b", f"{DAY}T15:20:00Z", f"{DAY}T15:40:00Z", "booked"))
    conn.execute(ROW, ("c", "pat-c", f"{DAY}T15:05:00Z", f"{DAY}T15:15:00Z", "cancelled"))
    yield conn
    conn.close()


def test_moving_into_held_time_is_refused(db):
    with pytest.raises(sqlite3.IntegrityError, match="no_provider_overlap"):
        db.execute(f"UPDATE appointment SET start = '{DAY}T15:10:00Z' WHERE id = 'b'")


def test_reviving_a_cancelled_appointment_inside_held_time_is_refused(db):
    with pytest.raises(sqlite3.IntegrityError, match="no_provider_overlap"):
        db.execute("UPDATE appointment SET status = 'booked' WHERE id = 'c'")


def test_check_in_and_completion_of_held_time_pass(db):
    db.execute("UPDATE appointment SET status = 'arrived' WHERE id = 'a'")
    db.execute("UPDATE appointment SET status = 'fulfilled' WHERE id = 'a'")
    assert db.execute("SELECT status FROM appointment WHERE id = 'a'").fetchone() == ("fulfilled",)
