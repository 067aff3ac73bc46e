import pytest

from fazhi.consultations.models import Comment, Consultation
from fazhi.decisions.demo import demo_decisions
from fazhi.decisions.models import Catalogue, Decision, Dissent
from fazhi.orgs.demo import demo_city_build


@pytest.mark.django_db
def test_the_demo_step_builds_once_from_today():
    demo_city_build(lambda s: None)
    out: list[str] = []
    demo_decisions(out.append)
    demo_decisions(out.append)
    assert out[-1] == "重大行政决策示范数据已存在，跳过。"
    assert (Catalogue.objects.get().state, Decision.objects.count(), Dissent.objects.count()) == ("published", 3, 1)
    assert sorted(Decision.objects.values_list("state", flat=True)) == ["launched", "legality_review", "published"]
    c = Consultation.objects.get()
    assert (c.state, Comment.objects.count(), c.clusters.count()) == ("published", 3, 1)
