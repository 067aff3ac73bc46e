"""The 法律援助人员 registry: the people a 法律援助机构 (a unit of the tree — the case's handling unit) assigns
(《法律援助法》第十二条 ⚠: 律师、基层法律服务工作者、法律援助志愿者). A case's assignment names one of its centre's
active people; assignments typed before the registry stay in the case as typed."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fazhi.core.models import VersionedModel
from fazhi.core.pii import EncryptedTextField, mask_phone

from .codes import PERSON_KINDS


class AidPerson(VersionedModel):
    centre = models.ForeignKey(
        "orgs.Unit", verbose_name="法律援助机构", on_delete=models.PROTECT, related_name="legal_aid_people"
    )
    kind = models.CharField("人员类别", max_length=16, choices=PERSON_KINDS)
    name = models.CharField("姓名", max_length=50)
    licence_number = models.CharField("执业证号", max_length=40, blank=True, default="")
    organisation = models.CharField("所在律师事务所或法律服务所", max_length=100, blank=True, default="")
    phone = EncryptedTextField("联系电话", blank=True, default="")  # personal data: shown masked
    specialities = models.CharField("擅长领域", max_length=200, blank=True, default="")
    is_active = models.BooleanField("在册", default=True)
    submit_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "法律援助人员"
        ordering = ("centre", "name", "id")
        constraints = [
            # one licence per centre's registry (a lawyer may serve two centres: the city's and a district's)
            models.UniqueConstraint(
                fields=("centre", "licence_number"),
                condition=~Q(licence_number=""),
                name="legal_aid_person_unique_licence",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)
