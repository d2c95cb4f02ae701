from django.core.management.base import BaseCommand

from portal import public_address


class Command(BaseCommand):
    help = (
        "Point the default site at the public address in WAGTAILADMIN_BASE_URL (host name and "
        "port of Wagtail's default Site, domain and name of Django's Site). `migrate` does this "
        "too; run it after changing the address without a migration."
    )

    def handle(self, *args, **options):
        site = public_address.apply_public_address()
        if site is None:
            self.stdout.write(
                self.style.WARNING("No default Wagtail site yet; Django's site was set.")
            )
        self.stdout.write(self.style.SUCCESS(f"Public address: {public_address.base_url()}/"))
