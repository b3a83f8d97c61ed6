"""Access reviews: each manager confirms or revokes their staff's role and locations."""

import uuid

from sqlalchemy import func, select, update

from services.compliance.access import oversees_compliance
from services.compliance.access_reviews.domain import review_overdue
from services.compliance.access_reviews.models import ReviewCampaign, ReviewItem
from services.compliance.access_reviews.schemas import CampaignIn, CampaignSummaryOut, RevokeIn
from services.compliance.alerts import service as alerts
from services.compliance.alerts.domain import AlertKind
from services.compliance.projections import locations
from services.compliance.staff_records import service as staff_records
from shared.auth import Principal
from shared.clock import latest_today, utcnow
from shared.contracts.compliance import AccessRevoked
from shared.errors import Conflict, Forbidden, NotFound, Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


async def start_campaign(*, uow: UnitOfWork, cmd: CampaignIn, actor: Principal) -> tuple[ReviewCampaign, list]:
    """Open a campaign: one item per active member of the location, for their manager to decide."""
    actor.ensure_location(cmd.location_id)
    async with uow:
        campaign = ReviewCampaign(
            id=str(uuid.uuid4()),
            name=cmd.name,
            location_id=cmd.location_id,
            due_on=cmd.due_on,
            started_by=actor.sub,
            started_at=utcnow(),
        )
        uow.session.add(campaign)
        members = await staff_records.members_at(uow, cmd.location_id)
        if not members:
            raise Unprocessable("no staff known at this location", field="body.location_id")
        items = [
            ReviewItem(
                id=str(uuid.uuid4()),
                campaign_id=campaign.id,
                manager_id=m.manager_id,
                staff_id=m.staff_id,
                role=m.role,
                location_ids=list(m.location_ids),
                decision="pending",
                revoked_roles=[],
                revoked_location_ids=[],
            )
            for m in members
        ]
        uow.session.add_all(items)
    return campaign, items


async def campaign_items(*, uow: UnitOfWork, campaign_id: str, actor: Principal) -> tuple[ReviewCampaign, list]:
    """A campaign and its items, by manager."""
    async with uow:
        campaign = await load_in_scope(
            uow, ReviewCampaign, campaign_id, actor, field="campaign_id", what="access review"
        )
        items = (
            await uow.session.scalars(
                select(ReviewItem)
                .where(ReviewItem.campaign_id == campaign_id)
                .order_by(ReviewItem.manager_id, ReviewItem.staff_id)
            )
        ).all()
    return campaign, list(items)


async def list_campaigns(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[CampaignSummaryOut]:
    """A location's campaigns, latest due first, with their count of items and of undecided ones."""
    actor.ensure_location(location_id)
    async with uow:
        rows = await uow.session.execute(
            select(
                ReviewCampaign,
                func.count(ReviewItem.id),
                func.count(ReviewItem.id).filter(ReviewItem.decision == "pending"),
            )
            .outerjoin(ReviewItem, ReviewItem.campaign_id == ReviewCampaign.id)
            .where(ReviewCampaign.location_id == location_id)
            .group_by(ReviewCampaign.id)
            .order_by(ReviewCampaign.due_on.desc(), ReviewCampaign.started_at.desc())
        )
        return [
            CampaignSummaryOut(
                id=campaign.id,
                name=campaign.name,
                location_id=campaign.location_id,
                due_on=campaign.due_on,
                started_by=campaign.started_by,
                started_at=campaign.started_at,
                items=items,
                pending=pending,
            )
            for campaign, items, pending in rows.all()
        ]


async def _pending(uow: UnitOfWork, campaign_id: str) -> int:
    return await uow.session.scalar(
        select(func.count())
        .select_from(ReviewItem)
        .where(ReviewItem.campaign_id == campaign_id, ReviewItem.decision == "pending")
    )


async def _decide(uow: UnitOfWork, campaign_id: str, item_id: str, actor: Principal, **values) -> ReviewItem:
    # The campaign row is locked: decisions of one campaign queue, so the last one sees it complete.
    campaign = await load_in_scope(
        uow, ReviewCampaign, campaign_id, actor, field="campaign_id", what="access review", lock=True
    )
    item = await uow.session.get(ReviewItem, item_id)
    if item is None or item.campaign_id != campaign.id:
        raise NotFound(f"no item {item_id} in this review")
    if not oversees_compliance(actor) and item.manager_id != actor.sub:
        raise Forbidden("only the member's manager or a compliance officer decides this item", field="item_id")
    # Conditional update: of two racing decisions exactly one finds the item pending.
    result = await uow.session.execute(
        update(ReviewItem)
        .where(ReviewItem.id == item_id, ReviewItem.decision == "pending")
        .values(decided_by=actor.sub, decided_at=utcnow(), **values)
    )
    await uow.session.refresh(item)
    if result.rowcount != 1:
        raise Conflict("the item was already decided", decision=item.decision)
    if not await _pending(uow, campaign.id):
        await alerts.resolve_matching(
            uow=uow,
            kind=AlertKind.ACCESS_REVIEW_OVERDUE,
            subject=campaign.id,
            key_prefix="",
            resolution="every item decided",
        )
    return item


async def confirm(*, uow: UnitOfWork, campaign_id: str, item_id: str, actor: Principal) -> ReviewItem:
    """The member's manager (or an officer) confirms their role and locations."""
    async with uow:
        return await _decide(uow, campaign_id, item_id, actor, decision="confirmed")


async def revoke(*, uow: UnitOfWork, campaign_id: str, item_id: str, cmd: RevokeIn, actor: Principal) -> ReviewItem:
    """The member's manager (or an officer) takes the role and/or locations away; it is published."""
    async with uow:
        item = await _decide(
            uow,
            campaign_id,
            item_id,
            actor,
            decision="revoked",
            reason=cmd.reason,
            revoked_roles=[],
            revoked_location_ids=list(cmd.location_ids),
        )
        if cmd.revoke_role and item.role:
            item.revoked_roles = [item.role]
        unknown = set(cmd.location_ids) - set(item.location_ids)
        if unknown:
            raise Unprocessable(f"the member does not work at {sorted(unknown)}", field="body.location_ids")
        await uow.emit(
            AccessRevoked(
                campaign_id=campaign_id,
                item_id=item.id,
                staff_id=item.staff_id,
                manager_id=item.manager_id,
                revoked_roles=item.revoked_roles,
                revoked_location_ids=item.revoked_location_ids,
                reason=cmd.reason,
                decided_at=item.decided_at,
            ),
            subject=item.staff_id,
            location_id=item.location_ids[0] if item.location_ids else None,
        )
    return item


async def flag_overdue(*, uow: UnitOfWork) -> int:
    """Periodic: raise an alert, once, for each campaign past its due date with undecided items."""
    async with uow:
        # Past due somewhere on Earth first; then each campaign is judged by its location's date.
        late = (
            await uow.session.scalars(
                select(ReviewCampaign.id).where(
                    ReviewCampaign.due_on < latest_today(),
                    select(ReviewItem.id)
                    .where(ReviewItem.campaign_id == ReviewCampaign.id, ReviewItem.decision == "pending")
                    .exists(),
                )
            )
        ).all()
        raised = 0
        for campaign_id in late:
            # Locked and counted again: a decision committed meanwhile may have completed it.
            campaign = await uow.session.get(ReviewCampaign, campaign_id, with_for_update=True, populate_existing=True)
            pending = await _pending(uow, campaign_id)
            today = await locations.today_at(uow, campaign.location_id)
            if review_overdue(due_on=campaign.due_on, pending_items=pending, today=today):
                raised += (
                    await alerts.raise_alert(
                        uow=uow,
                        kind=AlertKind.ACCESS_REVIEW_OVERDUE,
                        dedupe_key=f"review_overdue:{campaign.id}",
                        subject=campaign.id,
                        location_id=campaign.location_id,
                        details={
                            "campaign": campaign.name,
                            "due_on": campaign.due_on.isoformat(),
                            "pending_items": pending,
                        },
                    )
                    is not None
                )
    return raised
