"""The gateway's event handlers: access reviews and terminations close the staff member's sessions."""

from services.gateway.revocations import service as revocations
from shared.consumer import Handler
from shared.contracts import compliance, staff
from shared.envelope import Envelope
from shared.runtime import ServiceRuntime
from shared.uow import UnitOfWork


async def on_access_revoked(*, uow: UnitOfWork, event: compliance.AccessRevoked, envelope: Envelope) -> None:
    await revocations.apply_access_revocation(uow=uow, event=event)


async def on_member_terminated(*, uow: UnitOfWork, event: staff.StaffMemberTerminated, envelope: Envelope) -> None:
    await revocations.disable_terminated(uow=uow, event=event)


HANDLERS: dict[str, Handler] = {
    compliance.AccessRevoked.event_type: Handler(compliance.AccessRevoked, on_access_revoked),
    staff.StaffMemberTerminated.event_type: Handler(staff.StaffMemberTerminated, on_member_terminated),
}


def register(runtime: ServiceRuntime) -> None:
    runtime.consume(HANDLERS)
