from fastapi import FastAPI

from services.staff import consumers
from services.staff.checks import api as checks_api
from services.staff.checks import service as checks
from services.staff.credentials import api as credentials_api
from services.staff.members import api as members_api
from services.staff.rosters import api as rosters_api
from services.staff.rosters import coverage
from services.staff.settings import Settings
from services.staff.tables import metadata
from services.staff.terminations import api as terminations_api
from services.staff.trainings import api as trainings_api
from services.staff.transfers import api as transfers_api
from shared.clock import utc_today
from shared.contracts.audit import audit_event_type
from shared.contracts.staff import (
    CoverageGapFound,
    CredentialAdded,
    ShiftScheduled,
    StaffMemberHired,
    TimeOffApproved,
    TrainingCompleted,
)
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [
    StaffMemberHired.topic(),
    CredentialAdded.topic(),
    ShiftScheduled.topic(),
    TimeOffApproved.topic(),
    TrainingCompleted.topic(),
    CoverageGapFound.topic(),
    audit_event_type("staff").rsplit(".", 1)[0],
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The staff service: members, credentials, training, shifts; the daily credential and training check."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, metadata, produces=PRODUCES)
    consumers.register(runtime)
    runtime.every(
        settings.daily_check_interval_s,
        lambda: checks.run_daily_check(uow=runtime.uow(), as_of=utc_today()),
        name="staff.daily_check",
    )
    runtime.every(  # tomorrow's coverage gaps (and their closing) for the office manager's inbox
        settings.daily_check_interval_s,
        lambda: coverage.announce_gaps(uow=runtime.uow()),
        name="staff.coverage_gaps",
    )
    return create_service_app(
        runtime,
        title="clinicops staff",
        routers=[
            members_api.router,
            transfers_api.router,
            terminations_api.router,
            credentials_api.router,
            checks_api.router,
            trainings_api.router,
            rosters_api.router,
        ],
    )
