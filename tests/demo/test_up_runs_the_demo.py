"""`clinicops up` builds the demo practice on a var/ that holds no data yet, and only then (`--empty` skips it)."""

import pytest

from clinicops import cli, supervisor


@pytest.fixture
def started(monkeypatch):
    """`up` with its processes faked: what it would start, and each demo it ran (by var dir)."""
    demos = []
    monkeypatch.setattr(cli.kafka, "start", lambda var_dir: "127.0.0.1:9092")
    monkeypatch.setattr(supervisor, "migrate", lambda name, url: None)
    monkeypatch.setattr(supervisor, "running_pid", lambda name, var_dir: None)
    monkeypatch.setattr(cli.procs, "port_open", lambda port: False)
    monkeypatch.setattr(
        supervisor, "spawn", lambda name, var_dir: supervisor.ServiceProcess(name, 1, "http://x", var_dir / "log")
    )
    monkeypatch.setattr(supervisor, "wait_ready", lambda proc: 0.1)
    monkeypatch.delenv("INBOX_SMTP_PORT", raising=False)
    monkeypatch.setattr(cli, "demo", lambda var_dir, seed, inbox_smtp: demos.append((var_dir, seed, inbox_smtp)) or 0)
    return demos


def test_a_fresh_var_gets_the_demo_practice(tmp_path, started):
    assert cli.main(["--var", str(tmp_path), "up", "--detach"]) == 0
    # The morning's emails go to the inbox's own SMTP receiver, on its default port.
    assert started == [(tmp_path, cli.DEMO_SEED, "127.0.0.1:2525")]


def test_empty_skips_it_and_a_var_with_data_never_gets_it(tmp_path, started):
    assert cli.main(["--var", str(tmp_path / "a"), "up", "--detach", "--empty"]) == 0
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "billing.db").write_bytes(b"")  # a service's data from an earlier run
    assert cli.main(["--var", str(tmp_path / "b"), "up", "--detach"]) == 0
    assert started == []


def test_a_failed_demo_leaves_the_stack_up(tmp_path, started, monkeypatch, capsys):
    monkeypatch.setattr(cli, "demo", lambda var_dir, seed, inbox_smtp: 1)
    assert cli.main(["--var", str(tmp_path), "up", "--detach"]) == 0
    assert "the services stay up" in capsys.readouterr().err
