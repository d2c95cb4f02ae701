"""The portal's roles as Django groups, with the Wagtail permissions each needs.

Called from a data migration and from each app's own migration that adds
permissions for its models, so a role's rights live in one place per app.
"""

from django.contrib.auth.management import create_permissions

MEMBERS = "Members"
ORGANISERS = "Organisers"
EDITORS = "Editors"
MODERATORS = "Moderators"
ALL_ROLES = [MEMBERS, ORGANISERS, EDITORS, MODERATORS]
# The portal's own staff see members-only data without belonging to an institution.
STAFF_ROLES = [MODERATORS, EDITORS, ORGANISERS]

PAGE_PERMISSIONS = {
    EDITORS: ["add", "change", "publish", "lock", "unlock"],
    MODERATORS: ["add", "change", "publish", "lock", "unlock"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: [
        "add_document",
        "change_document",
        "choose_document",
        "add_image",
        "change_image",
        "choose_image",
    ],
    MODERATORS: [
        "add_document",
        "change_document",
        "choose_document",
        "add_image",
        "change_image",
        "choose_image",
    ],
    ORGANISERS: ["add_document", "choose_document", "add_image", "choose_image"],
}
MODEL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "admin", ["access"]), ("portal", "topic", ["add", "change"])],
    MODERATORS: [
        ("wagtailadmin", "admin", ["access"]),
        ("portal", "topic", ["add", "change", "delete"]),
    ],
    ORGANISERS: [("wagtailadmin", "admin", ["access"])],
    MEMBERS: [],
}


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; data migrations
    that grant them must create them first."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def get_permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_model_permissions(apps, role, app_label, model, actions):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=role)
    for action in actions:
        codename = (
            "access_admin"
            if (app_label, model) == ("wagtailadmin", "admin")
            else f"{action}_{model}"
        )
        group.permissions.add(get_permission(apps, app_label, model, codename))


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for role in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, model, actions in MODEL_PERMISSIONS.get(role, []):
            grant_model_permissions(apps, role, app_label, model, actions)
        if root_page is not None:
            for action in PAGE_PERMISSIONS.get(role, []):
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=get_permission(apps, "wagtailcore", "page", f"{action}_page"),
                )
        if root_collection is not None:
            for codename in COLLECTION_PERMISSIONS.get(role, []):
                # Image permissions stay on wagtailimages.Image even with a
                # custom image model (Wagtail's permission policy uses it).
                app_label = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
                model = codename.split("_", 1)[1]
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=get_permission(apps, app_label, model, codename),
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ALL_ROLES).delete()
