"""Settings shared by every environment. Security defaults follow 等保2.0 三级 practice (docs/security.md)."""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# django-ninja's templates and bundled Swagger UI (served locally, no CDN: fazhi/api, ADR 0007) by their folders, not
# as an installed app: the app would import ninja and pydantic at every start-up, ~⅓ of a management command's set-up
# (`fazhi metrics value` has a 1 s budget, issue 12), though only the API's URLs need them.
NINJA_DIR = Path((find_spec("ninja").submodule_search_locations or [""])[0])  # type: ignore[union-attr]
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", "dev-only-secret-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "fazhi.core",
    "fazhi.audit",
    "fazhi.orgs",
    "fazhi.jobs",
    "fazhi.notifications",
    "fazhi.deadlines",
    "fazhi.metrics",
    "fazhi.supervision",
    "fazhi.plans",
    "fazhi.cases",
    "fazhi.dockets.reconsideration",
    "fazhi.dockets.litigation",
    "fazhi.dockets.disclosure",
    "fazhi.dockets.mediation",
    "fazhi.dockets.petitions",
    "fazhi.dockets.hotline",
    "fazhi.dockets.proposals",
    "fazhi.dockets.legal_aid",
    "fazhi.dockets.admin_ruling",
    "fazhi.dockets.admin_mediation",
    "fazhi.dockets.intake",
    "fazhi.consultations",
    "fazhi.decisions",
    "fazhi.enforcement",
    "fazhi.inspections",
    "fazhi.normative_documents",
    "fazhi.indicators",
    "fazhi.dashboards",
    "fazhi.reports",
    "fazhi.portal",
    "fazhi.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fazhi.core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "fazhi.core.guards.MethodGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "fazhi.core.guards.InputGuardMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fazhi.orgs.middleware.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fazhi.core.middleware.RequestContextMiddleware",
    "fazhi.core.phone_cards.PhoneCardsMiddleware",  # lists as cards on a phone, no JavaScript (issue #11 point 8)
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fazhi" / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": [
                "fazhi.core.templatetags.labels",
                "fazhi.core.templatetags.fold",
                "fazhi.orgs.templatetags.grants",
            ],  # {{ code|action_label }}, {{ text|fold }} on every page (issue #11)
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.orgs.context_processors.navigation",
                "fazhi.notifications.context_processors.unread",
                "fazhi.core.context_processors.site",
                "fazhi.core.headers.script_nonce",
            ],
        },
    }
]


def database_from_url(url: str) -> dict:
    """DATABASE_URL=postgres://user:pass@host:port/name switches to PostgreSQL with a psycopg 3 pool."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        options = parse_qs(parsed.query)
        pool_max = int(options.get("pool_max", ["8"])[0])
        prepare = int(options.get("prepare_threshold", ["5"])[0])
        return {
            "ENGINE": "fazhi.core.postgresql",  # Django's, searches never prepared (ADR 0006)
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "pool": {"min_size": 1, "max_size": pool_max, "timeout": 10},
                # Server-side binding + prepared statements (ADR 0006): a statement run `prepare_threshold` times on
                # a pooled connection is parsed and planned once. ?prepare_threshold=0 returns to Django's default.
                # Searches (LIKE) are never prepared, so they are planned for their pattern (core/postgresql).
                **({"server_side_binding": True, "prepare_threshold": prepare} if prepare > 0 else {}),
            },
            "TEST": {"NAME": unquote(parsed.path.lstrip("/")) + "_test"},
        }
    if parsed.scheme == "sqlite":
        return sqlite_database(Path(unquote(parsed.path)))
    raise ValueError(f"DATABASE_URL 不支持的数据库类型：{parsed.scheme}")


def sqlite_database(path: Path) -> dict:
    # WAL + IMMEDIATE transactions: web and worker share the file without "database is locked".
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {
    "default": database_from_url(os.environ["DATABASE_URL"])
    if os.environ.get("DATABASE_URL")
    else sqlite_database(VAR_DIR / "fazhi.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "orgs:login"
LOGIN_REDIRECT_URL = "home"
AUTHENTICATION_BACKENDS = ["fazhi.orgs.backends.FazhiBackend"]
# Argon2id first (memory-hard; ADR 0005); PBKDF2 stays to verify older hashes, which are re-hashed at next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.orgs.passwords.CharacterClassValidator"},
    {"NAME": "fazhi.orgs.passwords.MaximumLengthValidator"},
]

# 等保2.0 三级 defaults (docs/security.md), every one configurable by environment.
FAZHI_SECURITY = {
    "PASSWORD_MIN_CLASSES": int(os.environ.get("FAZHI_PASSWORD_MIN_CLASSES", "3")),
    "PASSWORD_MAX_AGE_DAYS": int(os.environ.get("FAZHI_PASSWORD_MAX_AGE_DAYS", "90")),
    "LOCKOUT_FAILURES": int(os.environ.get("FAZHI_LOCKOUT_FAILURES", "5")),
    "LOCKOUT_MINUTES": int(os.environ.get("FAZHI_LOCKOUT_MINUTES", "30")),
    "MAX_FAILURES_PER_HOUR": int(os.environ.get("FAZHI_MAX_FAILURES_PER_HOUR", "100")),
    # "after_password": a locked account says so only to the right password; "never": not even then
    "LOCK_MESSAGE": os.environ.get("FAZHI_LOCK_MESSAGE", "after_password"),
    "IDLE_TIMEOUT_MINUTES": int(os.environ.get("FAZHI_IDLE_TIMEOUT_MINUTES", "30")),
    "ABSOLUTE_SESSION_HOURS": int(os.environ.get("FAZHI_ABSOLUTE_SESSION_HOURS", "12")),
    "AUDIT_RETENTION_DAYS": max(180, int(os.environ.get("FAZHI_AUDIT_RETENTION_DAYS", "180"))),
    "UPLOAD_MAX_BYTES": int(os.environ.get("FAZHI_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024))),
    # an uploaded .docx/.xlsx/.zip is refused from its zip directory, before any part is inflated, when the parts
    # together or any one part would expand past these (issue #10 finding 5: 1.17 GB at ratio 79 passed a ratio check)
    "ZIP_MAX_TOTAL_BYTES": int(os.environ.get("FAZHI_ZIP_MAX_TOTAL_BYTES", str(50 * 1024 * 1024))),
    "ZIP_MAX_PART_BYTES": int(os.environ.get("FAZHI_ZIP_MAX_PART_BYTES", str(50 * 1024 * 1024))),
    # a workbook imported as data is read only in the bounded child (ADR 0010), so its directory may claim more
    # (ADR 0013: 100,000 依申请公开 rows are a 69 MB sheet part, issue #15)
    "IMPORT_ZIP_MAX_TOTAL_BYTES": int(os.environ.get("FAZHI_IMPORT_ZIP_MAX_TOTAL_BYTES", str(256 * 1024 * 1024))),
    "IMPORT_ZIP_MAX_PART_BYTES": int(os.environ.get("FAZHI_IMPORT_ZIP_MAX_PART_BYTES", str(256 * 1024 * 1024))),
}

# fazhi/deadlines (see fazhi/deadlines/README.md): the two readings legal-rules.md §1.2 marks unconfirmed, both ON by
# default ("0"/"false"/"no"/"off" turn one off), and the days before the loaded calendar runs out when administrators
# are warned. Clock thresholds (临期) are per rule, in fazhi/deadlines/rules.py, not here.
FAZHI_DEADLINES = {
    "WEEKEND_IS_REST_DAY": os.environ.get("FAZHI_DEADLINES_WEEKEND_IS_REST_DAY", "1").lower()
    not in ("0", "false", "no", "off"),
    "MAKEUP_IS_WORKING_DAY": os.environ.get("FAZHI_DEADLINES_MAKEUP_IS_WORKING_DAY", "1").lower()
    not in ("0", "false", "no", "off"),
    "CALENDAR_WARN_DAYS": int(os.environ.get("FAZHI_DEADLINES_CALENDAR_WARN_DAYS", "60")),
}

# 行政规范性文件 (legal-rules.md §9, §17): every ⚠ default is a setting (fazhi/normative_documents/README.md).
FAZHI_NORMATIVE_DOCUMENTS = {
    "FILING_DAYS": int(os.environ.get("FAZHI_DOCUMENTS_FILING_DAYS", "30")),
    "CORRECTION_DAYS": int(os.environ.get("FAZHI_DOCUMENTS_CORRECTION_DAYS", "30")),
    "LEGALITY_REVIEW_DAYS": int(os.environ.get("FAZHI_DOCUMENTS_LEGALITY_REVIEW_DAYS", "15")),
    "LEGALITY_REVIEW_MIN_DAYS": int(os.environ.get("FAZHI_DOCUMENTS_LEGALITY_REVIEW_MIN_DAYS", "5")),
    "CONSULTATION_MIN_DAYS": int(os.environ.get("FAZHI_DOCUMENTS_CONSULTATION_MIN_DAYS", "30")),
    "VALIDITY_YEARS": int(os.environ.get("FAZHI_DOCUMENTS_VALIDITY_YEARS", "5")),
    "PROVISIONAL_VALIDITY_YEARS": int(os.environ.get("FAZHI_DOCUMENTS_PROVISIONAL_VALIDITY_YEARS", "2")),
    "EXPIRY_WARN_DAYS": int(os.environ.get("FAZHI_DOCUMENTS_EXPIRY_WARN_DAYS", "60")),
    # ⚠ days an issuer has to evaluate a document whose cited instrument was amended or repealed (国办发〔2018〕37号
    # asks for timely 清理 without a number of days; local rules differ)
    "DEPENDENCY_REVIEW_DAYS": int(os.environ.get("FAZHI_DOCUMENTS_DEPENDENCY_REVIEW_DAYS", "60")),
    "REGISTRATION_PATTERN": os.environ.get("FAZHI_DOCUMENTS_REGISTRATION_PATTERN", "{code}-{year}-{seq:03d}"),
}

# 法治政府建设年度报告 (fazhi/reports; legal-rules.md §14, 《法治政府建设与责任落实督察工作规定》厅字〔2019〕28号).
# ⚠ The five parts are "believed Art. 25" and the national submission articles are unconfirmed: both are settings.
# A part's title may carry {year} (the report's year) and {next_year}.
FAZHI_REPORTS = {
    "PARTS": [
        ("measures", "{year}年推进法治政府建设的主要举措和成效"),
        ("shortcomings", "推进法治政府建设存在的不足和原因"),
        ("duty", "党政主要负责人履行推进法治建设第一责任人职责情况"),
        ("plans", "{next_year}年推进法治政府建设的主要安排"),
        ("other", "其他需要报告的情况"),
    ],
    # Parts that must have text before the report is frozen (an empty one is refused).
    "REQUIRED_PARTS": ["measures", "shortcomings", "duty", "plans"],
    # 第二十四条 ☑: published before 1 April of the next year (month, day: the last day allowed is 31 March).
    "PUBLISH_BEFORE": (4, 1),
    # ⚠ submission dates (provincial guide; provinces may set earlier dates): (code, who → whom, month, day), of the
    # year after the report's year.
    "SUBMISSIONS": [
        ("demo_area", "国家示范地区 → 中央依法治国办（经省级依法治省办）", 1, 31),
        ("department", "县级以上政府部门 → 本级党委、政府和上一级主管部门，抄送本级依法治县（市）办", 3, 1),
        ("government_congress", "省、市、县级政府 → 本级党委和人大常委会", 3, 1),
        ("upward", "市、县、乡级党委和政府 → 上一级党委和政府，抄送上级依法治省（市）办", 3, 1),
        ("province", "省级 → 党中央、国务院，抄送中央依法治国办", 4, 1),
    ],
    # 版记 抄送 line of the .docx (GB/T 9704-2012 §7.4.2); blank: none.
    "COLOPHON_CC": os.environ.get("FAZHI_REPORTS_COLOPHON_CC", "市委全面依法治市委员会办公室"),
}

# 重大行政决策: ⚠ how often the executing unit reports on a published decision. 《重大行政决策程序暂行条例》第三十四条
# requires the report without a period; local rules set it (default 180 natural days from publication / the last report).
FAZHI_DECISIONS = {
    "EXECUTION_REPORT_DAYS": int(os.environ.get("FAZHI_DECISIONS_EXECUTION_REPORT_DAYS", "180")),
}


# 行政执法协调监督 (fazhi/enforcement): the local practice and unread rules legal-rules.md §12 marks ⚠.
def _kind_days(raw: str, default: dict[str, int]) -> dict[str, int]:
    """ "penalty=7,licensing=7" → {"penalty": 7, "licensing": 7} over the defaults."""
    out = dict(default)
    for part in raw.split(","):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = int(v)
    return out


FAZHI_ENFORCEMENT = {
    # ⚠ 法治政府建设实施纲要（2021—2025年）: 行政执法人员每人每年不少于60学时的培训 (as commonly cited; local rules differ)
    "TRAINING_HOURS_MIN": int(os.environ.get("FAZHI_ENFORCEMENT_TRAINING_HOURS_MIN", "60")),
    # which year's training an officer must have completed to be recorded on a case dated D: "previous" (D's year − 1,
    # the last complete year) or "current" (D's year)
    "TRAINING_YEAR": os.environ.get("FAZHI_ENFORCEMENT_TRAINING_YEAR", "previous"),
    # ⚠ local practice: a joint 涉企检查 counts once against each participant's annual cap ("each") or only against
    # its lead body's ("lead")
    "JOINT_COUNTS": os.environ.get("FAZHI_ENFORCEMENT_JOINT_COUNTS", "each"),
    # ⚠ 国办发〔2018〕118号: 执法决定 published within 20 working days (7 for 许可/处罚 in many localities), per matter kind
    "PUBLICATION_DAYS": _kind_days(
        os.environ.get("FAZHI_ENFORCEMENT_PUBLICATION_DAYS", ""),
        {"penalty": 7, "licensing": 7, "coercion": 20, "inspection": 20, "levy": 20, "other": 20},
    ),
    # ⚠ 案卷评查 (legal-rules.md §12.5: no national standard; local practice): the score sheet — items and points —,
    # the grade thresholds (a total ≥ excellent is 优秀, ≥ pass 合格, else 不合格) and the days (natural) a body has to
    # rectify each defect. A campaign copies the sheet and thresholds when it is made.
    "REVIEW_SHEET": [
        {"code": "subject", "label": "执法主体", "points": 10},
        {"code": "facts", "label": "事实认定", "points": 15},
        {"code": "evidence", "label": "证据", "points": 15},
        {"code": "basis", "label": "法律依据", "points": 15},
        {"code": "procedure", "label": "执法程序", "points": 15},
        {"code": "discretion", "label": "裁量适当", "points": 10},
        {"code": "documents", "label": "执法文书", "points": 10},
        {"code": "archive", "label": "立卷归档", "points": 10},
    ],
    "REVIEW_GRADES": {"excellent": 90, "pass": 75},
    # ⚠ local practice (评查标准 of many localities): 一票否决 grounds — a file with any of them is 不合格 whatever its
    # total. A campaign copies them when it is made; scores are given in half points (0.5).
    "REVIEW_VETO": [
        {"code": "no_power", "label": "执法主体不合法或者超越法定职权"},
        {"code": "no_certificate", "label": "执法人员未取得行政执法证件"},
        {"code": "no_review", "label": "应当进行法制审核而未审核即作出决定"},
        {"code": "no_evidence", "label": "主要事实不清、证据不足"},
    ],
    "RECTIFICATION_DAYS": int(os.environ.get("FAZHI_ENFORCEMENT_RECTIFICATION_DAYS", "30")),
    # ⚠ 行政执法监督意见书 / 决定书 (《行政执法监督条例》, 国务院令第825号: its articles on the documents and the reply
    # period are unread, legal-rules.md §12.1): the days the body has to reply (unit natural_day or working_day) and
    # the 文号 pattern per kind ({year}, {n}).
    "SUPERVISION_REPLY_DAYS": int(os.environ.get("FAZHI_ENFORCEMENT_SUPERVISION_REPLY_DAYS", "30")),
    "SUPERVISION_REPLY_UNIT": os.environ.get("FAZHI_ENFORCEMENT_SUPERVISION_REPLY_UNIT", "natural_day"),
    "SUPERVISION_NUMBER": {"opinion": "执法监督意〔{year}〕{n}号", "decision": "执法监督决〔{year}〕{n}号"},
    # ⚠ 执法投诉 (825号's articles on complaints unread, §12.1): the days the office has to handle one from its arrival
    "COMPLAINT_DAYS": int(os.environ.get("FAZHI_ENFORCEMENT_COMPLAINT_DAYS", "60")),
    "COMPLAINT_UNIT": os.environ.get("FAZHI_ENFORCEMENT_COMPLAINT_UNIT", "natural_day"),
    # local practice: how many files a portal complaint may carry (each within FAZHI_UPLOAD_MAX_BYTES)
    "COMPLAINT_MAX_FILES": int(os.environ.get("FAZHI_ENFORCEMENT_COMPLAINT_MAX_FILES", "5")),
    # ⚠ local practice: the 12345 诉求分类 codes whose 投诉 / 举报 orders are about enforcement (may become 执法投诉)
    "COMPLAINT_HOTLINE_CATEGORIES": tuple(
        c
        for c in os.environ.get("FAZHI_ENFORCEMENT_COMPLAINT_HOTLINE_CATEGORIES", "market,city,environment").split(",")
        if c
    ),
    # ⚠ local practice: the days a 监督检查 finding gives the body to rectify
    "CHECK_RECTIFICATION_DAYS": int(os.environ.get("FAZHI_ENFORCEMENT_CHECK_RECTIFICATION_DAYS", "30")),
}

# 指标考核 (fazhi/indicators): how long a unit has to act on a gap item (the self-assessment deadline is a clock). No
# statute fixes these (legal-rules.md §15 leaves the process to each 考核方案): local settings, not law.
FAZHI_INDICATORS = {
    "GAP_DAYS": int(os.environ.get("FAZHI_INDICATORS_GAP_DAYS", "30")),
    # 法治能力测试: the pass mark a sitting takes unless its organiser sets another (no rule fixes it; local practice).
    "TEST_PASS_MARK": int(os.environ.get("FAZHI_INDICATORS_TEST_PASS_MARK", "60")),
    # Units counted in 述法 coverage (beside the levels the 2021 rule names) and in 法律顾问 coverage: kinds of unit;
    # legal-rules.md §13 does not settle which kinds of organ each covers.
    "DUTY_REPORT_KINDS": ("government", "party", "department"),
    "ADVISER_UNIT_KINDS": ("government", "party", "department"),
    # 公众满意度调查: the ratings counted as satisfied in 满意率 (scale 满意 / 基本满意 / 不满意, legal-rules.md §17: practice,
    # as the 12345 满意率 counts 满意 and 基本满意).
    "SURVEY_SATISFIED": ("satisfied", "basic"),
}

# The API (fazhi/api): requests per minute per key, per signed-in user and per source address (0 = no limit), and the
# largest request body. Behind nginx the address is X-Real-IP (docs/deploy.md).
# 政府信息公开 依申请公开 (fazhi/dockets/disclosure): the periods and readings legal-rules.md §4 marks ⚠.
FAZHI_DISCLOSURE = {
    # 《条例》第三十条: the notice states a reasonable correction period (the agency's choice), in working days.
    "CORRECTION_DAYS": int(os.environ.get("FAZHI_DISCLOSURE_CORRECTION_DAYS", "15")),
    # 国办函〔2020〕109号: payment period after a fee notice, in working days.
    "FEE_PAYMENT_DAYS": int(os.environ.get("FAZHI_DISCLOSURE_FEE_PAYMENT_DAYS", "20")),
    # On payment the reply clock "restart"s from the payment day (default) or "resume"s the days left.
    "FEE_CLOCK_ON_PAYMENT": os.environ.get("FAZHI_DISCLOSURE_FEE_CLOCK_ON_PAYMENT", "restart"),
}

# 人民调解 (fazhi/dockets/mediation): the periods and the rate legal-rules.md §7 leaves open (☑/⚠).
FAZHI_MEDIATION = {
    # 《人民调解工作若干规定》(2002) 第三十三条: "一般在一个月内调结" — a target, in months.
    "CONCLUSION_MONTHS": int(os.environ.get("FAZHI_MEDIATION_CONCLUSION_MONTHS", "1")),
    # 《人民调解法》第三十一条: performance is supervised; the follow-up visit is due this many natural days after the
    # agreement (no statute sets it).
    "FOLLOW_UP_DAYS": int(os.environ.get("FAZHI_MEDIATION_FOLLOW_UP_DAYS", "30")),
    # 调解成功率 = successful ÷ base: "mediated" (agreements + terminations concluded in the period, default) or
    # "accepted" (cases accepted in the period). No national formula (legal-rules.md §7 ⚠).
    "SUCCESS_RATE_BASE": os.environ.get("FAZHI_MEDIATION_SUCCESS_RATE_BASE", "mediated"),
}

# 人大代表建议 / 政协提案 (fazhi/dockets/proposals): every period is a setting (legal-rules.md §8: local rules differ).
FAZHI_PROPOSALS = {
    # 代表法(2025) Art. 51: 3 months from 交办; ≤ 6 months in all for broad or difficult items (with approval).
    "REPLY_MONTHS_NPC_SESSION": int(os.environ.get("FAZHI_PROPOSALS_REPLY_MONTHS_NPC_SESSION", "3")),
    "REPLY_MONTHS_NPC_RECESS": int(os.environ.get("FAZHI_PROPOSALS_REPLY_MONTHS_NPC_RECESS", "3")),
    # ⚠ 提案 period unconfirmed: 3 months by default; Sichuan 2024 gives CPPCC session proposals 5 months.
    "REPLY_MONTHS_CPPCC_SESSION": int(os.environ.get("FAZHI_PROPOSALS_REPLY_MONTHS_CPPCC_SESSION", "3")),
    "REPLY_MONTHS_CPPCC_RECESS": int(os.environ.get("FAZHI_PROPOSALS_REPLY_MONTHS_CPPCC_RECESS", "3")),
    "MAX_MONTHS": int(os.environ.get("FAZHI_PROPOSALS_MAX_MONTHS", "6")),
    # 签收 or ask for reassignment: 5 days (Shandong), 10 days elsewhere, 3 working days in some places.
    "SIGN_DAYS": int(os.environ.get("FAZHI_PROPOSALS_SIGN_DAYS", "5")),
    "SIGN_UNIT": os.environ.get("FAZHI_PROPOSALS_SIGN_UNIT", "natural_day"),  # or working_day
    "ASSIST_OPINION_MONTHS": int(os.environ.get("FAZHI_PROPOSALS_ASSIST_OPINION_MONTHS", "1")),  # Shandong 2017
    "REHANDLING_MONTHS": int(os.environ.get("FAZHI_PROPOSALS_REHANDLING_MONTHS", "1")),  # Shandong 1, Beijing 2
    "CLASSES": os.environ.get("FAZHI_PROPOSALS_CLASSES", "ABC"),  # "ABCD" where the locality uses class D
    # 满意率 numerator: the ratings that count as satisfied (满意 + 基本满意 by default).
    "SATISFIED": os.environ.get("FAZHI_PROPOSALS_SATISFIED", "satisfied,basic").split(","),
}

# 法律援助 (fazhi/dockets/legal_aid): legal-rules.md §18 ⚠ — 《法律援助法》(2021) says 7 / 3 / 5 "日", the 司法部
# procedure rules and local notices 工作日. Each period's length and unit ("natural_day" or "working_day").
FAZHI_LEGAL_AID = {
    "DECISION_DAYS": int(os.environ.get("FAZHI_LEGAL_AID_DECISION_DAYS", "7")),
    "DECISION_UNIT": os.environ.get("FAZHI_LEGAL_AID_DECISION_UNIT", "natural_day"),
    "ASSIGNMENT_DAYS": int(os.environ.get("FAZHI_LEGAL_AID_ASSIGNMENT_DAYS", "3")),
    "ASSIGNMENT_UNIT": os.environ.get("FAZHI_LEGAL_AID_ASSIGNMENT_UNIT", "natural_day"),
    "OBJECTION_REVIEW_DAYS": int(os.environ.get("FAZHI_LEGAL_AID_OBJECTION_REVIEW_DAYS", "5")),
    "OBJECTION_REVIEW_UNIT": os.environ.get("FAZHI_LEGAL_AID_OBJECTION_REVIEW_UNIT", "natural_day"),
}

FAZHI_API = {
    "KEY_PER_MINUTE": int(os.environ.get("FAZHI_API_KEY_PER_MINUTE", "600")),
    "USER_PER_MINUTE": int(os.environ.get("FAZHI_API_USER_PER_MINUTE", "300")),
    "ADDRESS_PER_MINUTE": int(os.environ.get("FAZHI_API_ADDRESS_PER_MINUTE", "1200")),
    "MAX_BODY_BYTES": int(os.environ.get("FAZHI_API_MAX_BODY_BYTES", str(256 * 1024))),
    # An Idempotency-Key is remembered this long (its request's fingerprint; a daily job purges older ones). After
    # that the created record's own unique submit token still makes a replay return the first record, but a replay
    # with a different body is no longer told apart (422): clients must not reuse keys across this window.
    "IDEMPOTENCY_DAYS": int(os.environ.get("FAZHI_API_IDEMPOTENCY_DAYS", "30")),
}

# Files that background jobs produce (exports) are deleted this many days after the job finished (jobs/services.py).
FAZHI_JOB_RESULT_DAYS = int(os.environ.get("FAZHI_JOB_RESULT_DAYS", "7"))
# Imports parse in the worker (ADR 0010): the upload waits in FAZHI_STAGING_DIR (never served), and the parse runs in
# a forked child whose address space may grow by FAZHI_JOBS_MEMORY_MB for at most FAZHI_JOBS_PARSE_SECONDS.
FAZHI_STAGING_DIR = Path(os.environ.get("FAZHI_STAGING_DIR", VAR_DIR / "staging"))
FAZHI_JOBS_MEMORY_MB = int(os.environ.get("FAZHI_JOBS_MEMORY_MB", "512"))
FAZHI_JOBS_PARSE_SECONDS = int(os.environ.get("FAZHI_JOBS_PARSE_SECONDS", "300"))

# Personal-information keys live outside the database (core/crypto.py KeyProvider).
FAZHI_KEY_PROVIDER = os.environ.get("FAZHI_KEY_PROVIDER", "fazhi.core.crypto.FileKeyProvider")
FAZHI_KEY_FILE = Path(os.environ.get("FAZHI_KEY_FILE", VAR_DIR / "keys" / "pii.key"))
# The audit chain's HMAC key, apart from the PII key; and the daily signed checkpoints, in a directory the database
# superuser cannot write (docs/deploy.md: owned by the audit administrator's account).
FAZHI_AUDIT_KEY_FILE = Path(os.environ.get("FAZHI_AUDIT_KEY_FILE", VAR_DIR / "keys" / "audit.key"))
FAZHI_AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("FAZHI_AUDIT_CHECKPOINT_FILE", VAR_DIR / "audit" / "checkpoints.jsonl")
)

SESSION_ENGINE = "fazhi.orgs.sessions"
SESSION_COOKIE_AGE = FAZHI_SECURITY["ABSOLUTE_SESSION_HOURS"] * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
PASSWORD_RESET_TIMEOUT = 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "zh-hans"
FORMAT_MODULE_PATH = ["config.formats"]  # ISO dates first in forms (config/formats/zh_Hans/formats.py)
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "fazhi" / "static", NINJA_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# "default": rate limits and small per-process values. "pages": rendered figures keyed by a data stamp (never stale by
# construction, see plans.selectors.plan_figures_stamp). Per process by default; point both at Redis or memcached
# when several servers run (docs/deploy.md).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fazhi-default"},
    # Rendered figures and case-list pages, each under a key that captures everything it depends on (ADR 0006).
    # FAZHI_PAGES_CACHE=off serves every page fresh (troubleshooting; the benchmark's "without the cache" line).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fazhi-pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
    if os.environ.get("FAZHI_PAGES_CACHE", "on").lower() not in ("0", "off", "false", "no")
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}

# The installing government, shown on public (portal) pages and documents.
FAZHI_ORGANISATION_NAME = os.environ.get("FAZHI_ORGANISATION_NAME", "示范市人民政府")

OTP_TOTP_ISSUER = "法治政府建设平台"

# Supervisable items (fazhi/supervision): notice channels, quiet hours ("22:00-07:30", local time; empty: none) and
# the longest extension in months after the current due date (empty: the source's own limit, e.g. the plan period).
FAZHI_SUPERVISION = {
    "CHANNELS": ["fazhi.supervision.channels.InAppChannel"],
    "QUIET_HOURS": os.environ.get("FAZHI_SUPERVISION_QUIET_HOURS", ""),
    "MAX_EXTENSION_MONTHS": int(os.environ["FAZHI_SUPERVISION_MAX_EXTENSION_MONTHS"])
    if os.environ.get("FAZHI_SUPERVISION_MAX_EXTENSION_MONTHS")
    else None,
    # 督办单: the issuing body's full name (empty: the issuing user's unit's full name), the 文号 pattern ({year},
    # {n}: the year's sequence, no gaps) and the reply period in working days — local practice, so settings
    "NOTICE_ISSUER": os.environ.get("FAZHI_SUPERVISION_NOTICE_ISSUER", ""),
    "NOTICE_NUMBER": os.environ.get("FAZHI_SUPERVISION_NOTICE_NUMBER", "〔{year}〕{n}号"),
    "NOTICE_REPLY_WORKING_DAYS": int(os.environ.get("FAZHI_SUPERVISION_NOTICE_REPLY_WORKING_DAYS", "5")),
}

# 法治督察 (fazhi/inspections/settings.py): what 厅字〔2019〕28号 leaves to local practice or legal-rules.md leaves
# unconfirmed (⚠): the 督察方式 list, the severity levels, whether a 销号 needs evidence (env: 0 / 1).
FAZHI_INSPECTIONS = {
    "EVIDENCE_FOR_CLOSE": os.environ.get("FAZHI_INSPECTIONS_EVIDENCE_FOR_CLOSE", "1") != "0",
}
