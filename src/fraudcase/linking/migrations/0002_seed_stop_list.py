"""The stop list starts with the shared platforms whose domains many unrelated frauds name
(DOMAIN.md "Linking": marketplaces, social networks, payment processors, webmail providers)."""

from django.db import migrations

SHARED_PLATFORMS = {
    "Marketplace": [
        "amazon.co.uk", "amazon.com", "ebay.co.uk", "ebay.com", "gumtree.com", "etsy.com",
        "vinted.co.uk", "depop.com", "autotrader.co.uk", "rightmove.co.uk", "zoopla.co.uk",
        "preloved.co.uk", "shpock.com", "spareroom.co.uk", "airbnb.co.uk", "airbnb.com",
        "booking.com",
    ],
    "Social network or messaging": [
        "facebook.com", "instagram.com", "whatsapp.com", "tiktok.com", "x.com", "twitter.com",
        "snapchat.com", "linkedin.com", "telegram.org", "t.me", "youtube.com", "tinder.com",
        "match.com", "plentyoffish.com", "hinge.co", "bumble.com", "reddit.com", "discord.com",
    ],
    "Payment processor": [
        "paypal.com", "paypal.me", "stripe.com", "wise.com", "revolut.com", "monzo.com",
        "cash.app", "venmo.com", "westernunion.com", "moneygram.com", "remitly.com",
        "coinbase.com", "binance.com",
    ],
    "Webmail or search provider": [
        "gmail.com", "googlemail.com", "google.com", "google.co.uk", "hotmail.com",
        "hotmail.co.uk", "outlook.com", "live.com", "live.co.uk", "msn.com", "yahoo.com",
        "yahoo.co.uk", "icloud.com", "me.com", "aol.com", "aol.co.uk", "btinternet.com",
        "sky.com", "virginmedia.com", "talktalk.net", "protonmail.com", "proton.me",
        "gmx.com", "mail.com", "microsoft.com", "apple.com",
    ],
}


def seed(apps, schema_editor):
    entry = apps.get_model("linking", "StopListEntry")
    entry.objects.bulk_create(
        [
            entry(kind="website", value=domain, reason=f"{reason} (seeded)")
            for reason, domains in SHARED_PLATFORMS.items()
            for domain in domains
        ],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("linking", "StopListEntry").objects.filter(reason__endswith="(seeded)").delete()


class Migration(migrations.Migration):
    dependencies = [("linking", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
