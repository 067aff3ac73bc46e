from fazhi.consultations.similarity import clusters, estimate, jaccard, shingles, signature

from .factories import NEAR_DUPLICATES


def test_near_duplicate_campaign_letters_form_exact_clusters():
    # given three versions of one campaign letter, two of another, and two unrelated comments
    # when they are clustered at the default threshold
    groups = clusters(NEAR_DUPLICATES)
    # then the letters group by wording (1 and 2 are below the threshold but joined through 0), others stay alone
    assert groups == [[0, 1, 2], [3, 4], [5], [6]]
    assert [len(g) for g in groups] == [3, 2, 1, 1]


def test_a_stricter_threshold_splits_the_weaker_pair():
    assert clusters(NEAR_DUPLICATES, threshold=0.75) == [[0, 2], [1], [3], [4], [5], [6]]


def test_punctuation_width_and_case_do_not_matter():
    assert jaccard(shingles("ABC，每小时１０元！"), shingles("abc 每小时10元")) == 1.0


def test_jaccard_of_known_sets_and_the_estimate_is_close():
    a, b = shingles(NEAR_DUPLICATES[0]), shingles(NEAR_DUPLICATES[1])
    assert round(jaccard(a, b), 2) == 0.72
    assert abs(estimate(signature(a), signature(b)) - jaccard(a, b)) < 0.15
    assert jaccard(set(), set()) == 0.0
    assert signature(set()) == []
