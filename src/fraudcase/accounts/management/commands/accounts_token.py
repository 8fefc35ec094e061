from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fraudcase.accounts import services
from fraudcase.accounts.models import User


class Command(BaseCommand):
    help = (
        "Issue, list or revoke a user's API bearer tokens. A new token's secret is shown once; "
        "only its hash is kept. Tokens expire (FRAUDCASE_API_TOKEN_DAYS, 90 days by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", nargs="?", help="what a new token is for, e.g. 'CRM sync'")
        parser.add_argument("--days", type=int, help="days until the new token expires")
        parser.add_argument("--list", action="store_true", help="list the user's tokens")
        parser.add_argument("--revoke", type=int, metavar="ID", help="revoke token ID")

    def handle(self, *args, username, name, days, list, revoke, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user '{username}'")
        if list:
            self._list(user)
        elif revoke is not None:
            token = services.revoke_token(user, revoke)
            if token is None:
                raise CommandError(f"{username} has no token {revoke}")
            self.stdout.write(f"Revoked token {token.pk} ({token.name}) of {username}")
        elif name:
            try:
                secret = services.issue_token(user, name, days=days)
            except ValueError as refused:
                raise CommandError(str(refused)) from None
            self.stdout.write(f"Token for {username} ({name}): {secret}")
        else:
            raise CommandError("Give a NAME for a new token, or --list, or --revoke ID")

    def _list(self, user) -> None:
        def when(moment) -> str:
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "never"

        self.stdout.write("id\tstate\tcreated\tlast used\texpires\tname")
        for token in services.tokens_of(user):
            self.stdout.write(
                f"{token.pk}\t{token.state.value}\t{when(token.created_at)}\t"
                f"{when(token.last_used_at)}\t{when(token.expires_at)}\t{token.name}"
            )
