"""Routes of user administration: a practice admin adds and lists users within their own scope."""

from fastapi import APIRouter

from services.gateway.access import Admin
from services.gateway.users import service as users
from services.gateway.users.schemas import NewUser, UserOut
from shared.web import UowDep

router = APIRouter(prefix="/api/v1")


@router.post("/users", status_code=201, response_model=UserOut, tags=["users"])
async def create_user(body: NewUser, uow: UowDep, caller: Admin):
    """Add a user with roles and locations inside the admin's own scope."""
    return await users.create_user(uow=uow, cmd=body, actor=caller.principal)


@router.get("/users", response_model=list[UserOut], tags=["users"])
async def list_users(uow: UowDep, caller: Admin):
    """The users an admin may manage."""
    return await users.list_users(uow=uow, actor=caller.principal)
