"""Personal information: encrypted at rest (SM4-GCM), masked by default, equality search through a blind index."""

from fazhi.core import crypto
from fazhi.core.pii import mask_id_number, mask_name, mask_phone


def test_masks_follow_the_documented_patterns():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"


def test_sm3_and_sm4_known_answers():
    assert crypto.sm3_hex(b"abc") == crypto.SM3_ABC
    assert crypto.sm4_ecb_block(crypto.SM4_KAT_KEY, crypto.SM4_KAT_KEY).hex() == crypto.SM4_KAT_OUT


def test_encryption_round_trips_and_uses_a_fresh_nonce():
    a, b = crypto.encrypt("13812345678"), crypto.encrypt("13812345678")
    assert a != b and a.startswith("sm4gcm:")
    assert crypto.decrypt(a) == "13812345678"
