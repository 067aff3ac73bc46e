from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "fazhi.notifications"
    label = "notifications"
    verbose_name = "站内消息"

    def ready(self) -> None:
        from fazhi.orgs.backends import user_annotation

        from .selectors import unread_count_sql

        # The badge on every page comes with the signed-in user's row (one query less per page view).
        user_annotation("unread_notification_count", unread_count_sql)
