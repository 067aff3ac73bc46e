"""The `fazhi` console command: manage.py for this project (`fazhi demo`, `fazhi deadline …`, `fazhi audit verify`)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
