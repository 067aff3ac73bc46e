from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Q, QuerySet

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action

from .models import Job


def _own_job() -> Rule:
    return Rule(
        lambda u, o: o is not None and o.created_by_id == u.pk, lambda u, qs: qs.filter(Q(created_by=u)), "own-job"
    )


class JobPolicy(Policy):
    """Everyone sees the progress of the jobs they started; job administrators see all."""

    model = Job
    rules: ClassVar[dict[str, Rule]] = {"view": _own_job() | has_action("jobs.job.view")}


def job_get_for(user: Any, pk: int) -> Job:
    from django.http import Http404

    job: QuerySet[Job] = JobPolicy.visible(user, "view").filter(pk=pk)
    found = job.first()
    if found is None:
        raise Http404
    return found
