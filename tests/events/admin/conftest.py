from django.urls import reverse


def admin_url(name, *args):
    return reverse(f"events_admin:{name}", args=args)
