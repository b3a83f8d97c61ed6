from fastapi import FastAPI

from services.staff import checks, consumers, credentials_api, members_api, models, roster_api
from services.staff.settings import Settings
from shared.contracts.audit import audit_event_type
from shared.contracts.staff import (CredentialAdded, ShiftScheduled, StaffMemberHired, TimeOffApproved,
                                    TrainingCompleted)
from shared.clock import utc_today
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [StaffMemberHired.topic(), CredentialAdded.topic(), ShiftScheduled.topic(), TimeOffApproved.topic(),
            TrainingCompleted.topic(), audit_event_type("staff").rsplit(".", 1)[0]]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The staff service: members, credentials, training, shifts; the daily credential and training check."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, models.metadata, produces=PRODUCES)
    consumers.register(runtime)
    runtime.every(settings.daily_check_interval_s,
                  lambda: checks.run_daily_check(uow=runtime.uow(), as_of=utc_today()), name="staff.daily_check")
    return create_service_app(runtime, title="clinicops staff",
                              routers=[members_api.router, credentials_api.router, roster_api.router])
