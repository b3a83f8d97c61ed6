from fastapi import FastAPI

from services.compliance import consumers
from services.compliance.access_reviews import api as reviews_api
from services.compliance.access_reviews import service as reviews
from services.compliance.alerts import api as alerts_api
from services.compliance.audits import api as trail_api
from services.compliance.audits import service as trail
from services.compliance.incidents import api as incidents_api
from services.compliance.incidents import privacy
from services.compliance.policies import api as policies_api
from services.compliance.settings import Settings
from services.compliance.staff_records import api as staff_records_api
from services.compliance.tables import metadata
from shared.contracts.audit import audit_event_type
from shared.contracts.compliance import AccessRevoked, AlertRaised, AuditChainAnchored, PrivacyIncidentReported
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [
    AlertRaised.topic(),
    AuditChainAnchored.topic(),
    AccessRevoked.topic(),
    PrivacyIncidentReported.topic(),
    audit_event_type("compliance").rsplit(".", 1)[0],
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The compliance service: the PHI access trail, staff compliance, policies, incidents, access reviews."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, metadata, produces=PRODUCES)
    consumers.register(runtime)
    runtime.every(
        settings.audit_anchor_interval_s,
        lambda: trail.anchor(uow=runtime.uow(), only_if_moved=True),
        name="audit.anchor",
    )
    runtime.every(
        settings.audit_purge_interval_s,
        lambda: trail.purge_expired(uow=runtime.uow(), retention_days=settings.audit_retention_days),
        name="audit.purge",
    )
    runtime.every(
        settings.breach_check_interval_s, lambda: privacy.flag_overdue(uow=runtime.uow()), name="privacy.flag_overdue"
    )
    runtime.every(
        settings.review_check_interval_s, lambda: reviews.flag_overdue(uow=runtime.uow()), name="reviews.flag_overdue"
    )
    return create_service_app(
        runtime,
        title="clinicops compliance",
        routers=[
            trail_api.router,
            alerts_api.router,
            staff_records_api.router,
            policies_api.router,
            incidents_api.router,
            reviews_api.router,
        ],
    )
