"""The locustfile of the load test: one page, asked for again and again by every user.

Run by benchmarks/run_loadtest.py (which says how), one locust run per page. LOADTEST_CONFIG
names a JSON file: the page, the users (password, API tokens), the values to fill the page's
address with, how long to measure and where to write the result. Each user signs in (the
sign-in form, with its CSRF token) or uses its role's API token; once every user is ready the
statistics start, and after the set seconds the run stops and its figures are written.
"""

import json
import os
import random
import re
from urllib.parse import quote

import gevent
from _pages import PAGES
from gevent.event import Event
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

with open(os.environ["LOADTEST_CONFIG"]) as config_file:
    CONFIG = json.load(config_file)
PAGE = PAGES[CONFIG["page"]]
FIELDS = re.findall(r"{(\w+)}", PAGE.path)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ready = Event()
signed_in = 0
refused: list[str] = []  # users who could not sign in (kept across the statistics' reset)


def address() -> str:
    samples = CONFIG["samples"]
    return PAGE.path.format(**{f: quote(str(random.choice(samples[f])), safe="/") for f in FIELDS})


class PageUser(FastHttpUser):
    wait_time = constant(0)
    # A slow page is measured, not abandoned: the server's own timeout comes first.
    network_timeout = 180.0
    connection_timeout = 180.0

    def on_start(self) -> None:
        global signed_in
        self.headers = {}
        failed = None
        try:
            if PAGE.role and PAGE.kind == "web":
                self.sign_in(CONFIG["users"][PAGE.role]["username"])
            elif PAGE.role:
                self.headers = {"Authorization": f"Bearer {CONFIG['users'][PAGE.role]['token']}"}
        except Exception as error:  # counted, and this user stops
            failed = error
            refused.append(str(error))
        signed_in += 1
        if signed_in == self.environment.runner.target_user_count:
            self.environment.stats.reset_all()
            gevent.spawn_later(CONFIG["seconds"], self.environment.runner.quit)
            ready.set()
        ready.wait()
        if failed is not None:
            raise StopUser()

    def sign_in(self, username: str) -> None:
        form = self.client.get("/accounts/login/", name="(sign in: form)")
        token = TOKEN.search(form.text or "")
        assert token, "no CSRF token on the sign-in page"
        with self.client.post(
            "/accounts/login/",
            data={
                "username": username,
                "password": CONFIG["password"],
                "csrfmiddlewaretoken": token.group(1),
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="(sign in: post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in as {username} refused ({response.status_code})")
                raise RuntimeError(f"cannot sign in as {username}")

    @task
    def ask(self) -> None:
        with self.client.get(
            address(),
            name=CONFIG["page"],
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")


@events.quitting.add_listener
def write_result(environment, **_kwargs) -> None:
    entry = environment.stats.get(CONFIG["page"], "GET")
    percentile = entry.get_response_time_percentile
    result = {
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "rps": round(entry.total_rps, 2),
        "p50_ms": percentile(0.5) if entry.num_requests else None,
        "p95_ms": percentile(0.95) if entry.num_requests else None,
        "p99_ms": percentile(0.99) if entry.num_requests else None,
        "mean_ms": round(entry.avg_response_time, 1),
        "max_ms": round(entry.max_response_time or 0, 1),
        "bytes_mean": round(entry.avg_content_length),
        "failures": sorted(
            {f"{e.error}" for e in environment.stats.errors.values() if e.name == CONFIG["page"]}
        ),
        "sign_in_refused": len(refused),
    }
    with open(CONFIG["result"], "w") as out:
        json.dump(result, out)
