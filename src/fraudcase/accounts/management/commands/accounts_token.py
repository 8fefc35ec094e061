from django.core.management.base import BaseCommand, CommandError

from fraudcase.accounts.models import User
from fraudcase.accounts.services import issue_token


class Command(BaseCommand):
    help = "Issue an API bearer token for a user. The secret is shown once; only its hash is kept."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. 'force CRM sync'")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user '{username}'")
        self.stdout.write(f"Token for {username} ({name}): {issue_token(user, name)}")
