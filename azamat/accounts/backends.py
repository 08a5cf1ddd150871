"""Platform administrators hold every model permission in the admin, through their platform role."""

from django.contrib.auth.backends import BaseBackend


class PlatformAdminBackend(BaseBackend):
    def _is_platform_admin(self, user) -> bool:
        return bool(user.is_active and user.is_staff and user.has_platform_role("platform_admin"))

    def has_perm(self, user_obj, perm, obj=None):
        return self._is_platform_admin(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return self._is_platform_admin(user_obj)
