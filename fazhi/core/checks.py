"""Start-up known-answer tests for SM3 and SM4 (密评 GB/T 39786; S-18): the platform refuses to run on failure."""

from __future__ import annotations

from django.core import checks

from . import crypto


@checks.register(checks.Tags.security, deploy=False)
def crypto_known_answers(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    errors = []
    if not crypto.sm3_available():
        errors.append(checks.Error("SM3 已知答案测试失败：当前 OpenSSL 不支持 SM3", id="fazhi.E001"))
    try:
        out = crypto.sm4_ecb_block(crypto.SM4_KAT_KEY, crypto.SM4_KAT_KEY).hex()
    except Exception as exc:  # noqa: BLE001
        out = repr(exc)
    if out != crypto.SM4_KAT_OUT:
        errors.append(checks.Error(f"SM4 已知答案测试失败（GB/T 32907）：{out}", id="fazhi.E002"))
    return errors
