"""Training: the course catalogue, completions with evidence, and what is due or overdue."""

import uuid
from datetime import date

from sqlalchemy import func, select

from services.staff.members import service as members
from services.staff.members.models import StaffMember
from services.staff.trainings.domain import add_months, training_due_on
from services.staff.trainings.models import Course, TrainingCompletion
from services.staff.trainings.schemas import CompletionIn, CourseIn, TrainingStatusOut
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.staff import TrainingCompleted
from shared.errors import NotFound
from shared.uow import UnitOfWork


async def courses(*, uow: UnitOfWork) -> list[Course]:
    """The catalogue, standard courses (seeded by the migration) and the practice's own."""
    async with uow:
        return list((await uow.session.scalars(select(Course).order_by(Course.code))).all())


async def add_course(*, uow: UnitOfWork, cmd: CourseIn) -> Course:
    """Add a course the practice requires."""
    async with uow:
        course = Course(active=True, **cmd.model_dump(mode="json"))
        await uow.add_unique(course, conflict=f"course {cmd.code} exists", field="code")
        return course


async def record_completion(
    *, uow: UnitOfWork, staff_id: str, cmd: CompletionIn, actor: Principal
) -> TrainingCompletion:
    """Record that a member completed a course, with its evidence."""
    async with uow:
        member = await members.load_member(uow, staff_id, actor)
        course = await uow.session.get(Course, cmd.course_code)
        if course is None:
            raise NotFound(f"course {cmd.course_code} not found", field="course_code")
        valid_until = add_months(cmd.completed_on, course.interval_months) if course.interval_months else None
        completion = TrainingCompletion(
            id=str(uuid.uuid4()),
            staff_id=staff_id,
            valid_until=valid_until,
            recorded_by=actor.sub,
            recorded_at=utcnow(),
            **cmd.model_dump(),
        )
        uow.session.add(completion)
        await uow.emit(
            TrainingCompleted(
                staff_id=staff_id, course_code=course.code, completed_on=cmd.completed_on, valid_until=valid_until
            ),
            subject=staff_id,
            location_id=member.home_location_id,
        )
        await members.audit_member(uow, actor, "create", member, resource="staff_training", resource_id=completion.id)
        return completion


async def status(*, uow: UnitOfWork, staff_id: str, as_of: date, actor: Principal) -> list[TrainingStatusOut]:
    """Each course the member's role requires: last completion, next due date, overdue or not; the read is audited."""
    async with uow:
        member = await members.load_member(uow, staff_id, actor)
        await members.audit_member(uow, actor, "read", member, resource="staff_training")
        last = await _last_completions(uow, [member.id])
        result = []
        for course in await _required(uow, member):
            done = last.get((member.id, course.code))
            due_on = _due_on(member, course, done)
            result.append(
                TrainingStatusOut(
                    course_code=course.code,
                    name=course.name,
                    last_completed_on=done,
                    due_on=due_on,
                    overdue=due_on is not None and due_on < as_of,
                )
            )
        return result


async def overdue(*, uow: UnitOfWork, as_of: date) -> list[tuple[StaffMember, Course, date]]:
    """(member, course, due date) of each current member's required course past due; in the caller's transaction."""
    members = list((await uow.session.scalars(select(StaffMember).where(StaffMember.terminated_on.is_(None)))).all())
    catalogue = list((await uow.session.scalars(select(Course).where(Course.active.is_(True)))).all())
    last = await _last_completions(uow, [m.id for m in members])
    found = []
    for member in members:
        for course in catalogue:
            if course.roles and member.role not in course.roles:
                continue
            due_on = _due_on(member, course, last.get((member.id, course.code)))
            if due_on is not None and due_on < as_of:
                found.append((member, course, due_on))
    return found


async def _required(uow: UnitOfWork, member: StaffMember) -> list[Course]:
    catalogue = (await uow.session.scalars(select(Course).where(Course.active.is_(True)).order_by(Course.code))).all()
    return [c for c in catalogue if not c.roles or member.role in c.roles]


async def _last_completions(uow: UnitOfWork, staff_ids: list[str]) -> dict[tuple[str, str], date]:
    if not staff_ids:
        return {}
    rows = await uow.session.execute(
        select(TrainingCompletion.staff_id, TrainingCompletion.course_code, func.max(TrainingCompletion.completed_on))
        .where(TrainingCompletion.staff_id.in_(staff_ids))
        .group_by(TrainingCompletion.staff_id, TrainingCompletion.course_code)
    )
    return {(staff_id, code): done for staff_id, code, done in rows.all()}


def _due_on(member: StaffMember, course: Course, last_completed_on: date | None) -> date | None:
    return training_due_on(
        hired_on=member.hired_on,
        initial_due_days=course.initial_due_days,
        interval_months=course.interval_months,
        last_completed_on=last_completed_on,
    )
