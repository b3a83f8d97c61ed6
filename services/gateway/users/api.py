"""Routes of user administration: a practice admin adds and lists users within their own scope."""

from fastapi import APIRouter

from services.gateway.access import Admin
from services.gateway.users import service as users
from services.gateway.users.schemas import NewUser, NewUserOut, SecondFactorOut, UserOut
from shared.web import UowDep

router = APIRouter(prefix="/api/v1")


@router.post("/users", status_code=201, response_model=NewUserOut, tags=["users"])
async def create_user(body: NewUser, uow: UowDep, caller: Admin):
    """Add a user with roles and locations inside the admin's own scope; admins and officers get TOTP."""
    user, enrollment = await users.create_user(uow=uow, cmd=body, actor=caller.principal)
    factor = (
        None
        if enrollment is None
        else SecondFactorOut(uri=enrollment.uri, secret=enrollment.secret, recovery_codes=enrollment.recovery_codes)
    )
    return NewUserOut.model_validate(user).model_copy(update={"second_factor": factor})


@router.get("/users", response_model=list[UserOut], tags=["users"])
async def list_users(uow: UowDep, caller: Admin):
    """The users an admin may manage."""
    return await users.list_users(uow=uow, actor=caller.principal)
