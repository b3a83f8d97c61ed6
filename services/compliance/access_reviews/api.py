"""Access review routes: campaigns (officers), and each manager's confirmations and revocations."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.compliance.access import Officer, ReviewDecider
from services.compliance.access_reviews import service as reviews
from services.compliance.access_reviews.schemas import (
    CampaignIn,
    CampaignOut,
    CampaignSummaryOut,
    ReviewItemOut,
    RevokeIn,
)
from shared.web import UowDep

router = APIRouter(prefix="/access-reviews", tags=["access reviews"])


def _out(campaign, items) -> CampaignOut:
    return CampaignOut.model_validate(campaign).model_copy(
        update={"items": [ReviewItemOut.model_validate(i) for i in items]}
    )


@router.post("", status_code=201, response_model=CampaignOut)
async def start_campaign(body: CampaignIn, uow: UowDep, actor: Officer):
    """Start a review of a location: one item per member, for their manager."""
    return _out(*await reviews.start_campaign(uow=uow, cmd=body, actor=actor))


@router.get("", response_model=list[CampaignSummaryOut])
async def list_campaigns(location_id: Annotated[str, Query(min_length=1, max_length=64)], uow: UowDep, actor: Officer):
    """A location's review campaigns, latest due first, with how many items are still undecided."""
    return await reviews.list_campaigns(uow=uow, location_id=location_id, actor=actor)


@router.get("/{campaign_id}", response_model=CampaignOut)
async def get_campaign(campaign_id: str, uow: UowDep, actor: Officer):
    """A campaign with every item and its decision."""
    return _out(*await reviews.campaign_items(uow=uow, campaign_id=campaign_id, actor=actor))


@router.post("/{campaign_id}/items/{item_id}/confirm", response_model=ReviewItemOut)
async def confirm_item(campaign_id: str, item_id: str, uow: UowDep, actor: ReviewDecider):
    """The member's manager (an office manager) or an officer confirms the member's role and locations."""
    return await reviews.confirm(uow=uow, campaign_id=campaign_id, item_id=item_id, actor=actor)


@router.post("/{campaign_id}/items/{item_id}/revoke", response_model=ReviewItemOut)
async def revoke_item(campaign_id: str, item_id: str, body: RevokeIn, uow: UowDep, actor: ReviewDecider):
    """The member's manager or an officer revokes the role and/or locations; the revocation is published."""
    return await reviews.revoke(uow=uow, campaign_id=campaign_id, item_id=item_id, cmd=body, actor=actor)
