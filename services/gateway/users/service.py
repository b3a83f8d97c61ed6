"""Use cases of user administration: the first admin from the command line, then admins over HTTP."""

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.gateway.users import second_factor
from services.gateway.users.domain import grants_within, normalize_email
from services.gateway.users.models import RecoveryCode, User
from services.gateway.users.passwords import hash_password
from services.gateway.users.schemas import NewUser
from shared.auth import ALL_LOCATIONS, Principal
from shared.clock import utcnow
from shared.errors import Conflict, Forbidden
from shared.uow import UnitOfWork


async def create_user(
    *, uow: UnitOfWork, cmd: NewUser, actor: Principal | None
) -> tuple[User, second_factor.Enrollment | None]:
    """Add a user, enrolled in TOTP when their roles need it; `actor` None is the operator's first admin."""
    if actor is not None and not grants_within(actor.locations, cmd.locations):
        raise Forbidden("you may grant only locations inside your own scope", field="locations")
    locations = [ALL_LOCATIONS] if ALL_LOCATIONS in cmd.locations else sorted(set(cmd.locations))
    user = User(
        id=str(uuid.uuid4()),
        email=normalize_email(cmd.email),
        password_hash=hash_password(cmd.password),
        roles=sorted({r.value for r in cmd.roles}),
        locations=locations,
        active=True,
        failed_attempts=0,
        created_at=utcnow(),
        staff_id=cmd.staff_id,
        token_generation=0,
    )
    enrollment = second_factor.enroll(user.email) if second_factor.needs_second_factor(user.roles) else None
    codes = []
    if enrollment is not None:
        user.totp_secret = enrollment.secret
        codes = [
            RecoveryCode(user_id=user.id, digest=second_factor.recovery_digest(c)) for c in enrollment.recovery_codes
        ]
    try:
        async with uow:
            uow.session.add(user)
            await uow.session.flush()  # the user row first: the codes' foreign key names it
            uow.session.add_all(codes)
    except IntegrityError as exc:  # the unique email and staff id, not a check in Python, decide
        if "staff_id" in str(exc.orig):
            raise Conflict(f"staff member {cmd.staff_id} already has a user", field="staff_id") from exc
        raise Conflict(f"a user with email {user.email} exists", field="email") from exc
    return user, enrollment


async def list_users(*, uow: UnitOfWork, actor: Principal) -> list[User]:
    """Users whose every location is inside the admin's scope."""
    async with uow:
        users = list(await uow.session.scalars(select(User).order_by(User.email)))
    return [u for u in users if grants_within(actor.locations, u.locations)]
