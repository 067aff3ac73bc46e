import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# Refuse to serve with a personal-information key that does not fit the database (issue #10 finding 13).
from fazhi.core.keycheck import pii_key_check  # noqa: E402

pii_key_check()
