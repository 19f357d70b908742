"""Write the support-desk dataset of the course: help-centre articles, queries, tickets.

Everything here is invented for the course: the product (Orbitly, a team workspace), its
modules, plans, error codes and settings paths. A general-purpose embedding model has never
seen this vocabulary, which is the point: notebook 08 fine-tunes one on it.

How the data is made (deterministic, seed 8):

* 12 product modules x 15 kinds of problem = 180 help-centre articles. Each problem kind is
  one intent label (12 articles per intent), so articles with the same intent differ only
  by module, and articles about the same module differ by problem: a retriever has to get
  both right.
* Queries are a module alias ("whiteboard", "kanban", "the Vault") combined with a symptom
  phrasing and a wrapper sentence. The training and test splits use DISJOINT symptom
  phrasings and DISJOINT wrappers, written separately; they share the product vocabulary
  (module names and aliases), as real tickets do. Test queries avoid the words of the
  article titles: they describe what the user sees, or quote an error code.
* Tickets are unlabeled sentences in the style of support e-mails, built from the training
  phrasings and from ticket-only sentences (greetings, context, plan and seat counts); no
  test phrasing is used, so unsupervised adaptation on the tickets cannot leak the test set.
* A dev split (2 queries per article) is drawn like the test split, from the test phrasings and
  test wrappers, with its own random generator (so train, test and tickets are unchanged by it)
  and no query text shared with train or test: dev and test come from the same distribution,
  which is what lets choices made on dev carry over to test.
* Finally every test or dev query whose nearest training query (all-MiniLM-L6-v2 cosine) is above
  ``MAX_CROSS_SPLIT_COSINE`` is dropped, and the script prints the largest remaining
  cross-split similarity (reported in README.md).

Run from the repository root::

    python data/support/build_support_data.py  # writes the JSONL files, runs the checks

License of the generated data: CC BY 4.0 (see README.md).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SEED = 8
HERE = Path(__file__).resolve().parent
TRAIN_PER_ARTICLE = 5
TEST_PER_ARTICLE = 2
DEV_PER_ARTICLE = 2
N_TICKETS = 1600
MAX_CROSS_SPLIT_COSINE = 0.90
PRODUCT = "Orbitly"
PLANS = {"free": "Spark", "team": "Orbit", "enterprise": "Nova"}

# name, id code, object (singular, plural), aliases used by customers, a premium capability
MODULES = [
    (
        "Canvas",
        "CNV",
        ("board", "boards"),
        ["whiteboard", "sketch board", "canvas board", "drawing space"],
        "infinite zoom and shape libraries",
    ),
    ("Pages", "PGS", ("page", "pages"), ["wiki", "knowledge base", "team docs", "wiki page"], "page analytics"),
    (
        "Flows",
        "FLW",
        ("flow", "flows"),
        ["automation", "automation rules", "workflow trigger", "auto rules"],
        "multi-step flows",
    ),
    (
        "Pulse",
        "PLS",
        ("dashboard", "dashboards"),
        ["dashboard", "charts", "metrics view", "reporting widget"],
        "scheduled dashboard e-mails",
    ),
    (
        "Vault",
        "VLT",
        ("file", "files"),
        ["file storage", "attachments", "shared drive", "uploaded files"],
        "version-locked files",
    ),
    ("Tracks", "TRK", ("card", "cards"), ["kanban", "task board", "to-do columns", "sprint board"], "swimlanes"),
    (
        "Huddle",
        "HDL",
        ("recording", "recordings"),
        ["video call", "meeting room", "call recordings", "video chat"],
        "cloud recording",
    ),
    (
        "Intake",
        "INT",
        ("form", "forms"),
        ["form builder", "survey", "request form", "questionnaire"],
        "conditional questions",
    ),
    (
        "Ledger",
        "LDG",
        ("timesheet", "timesheets"),
        ["time tracking", "timesheets", "hours log", "time tracker"],
        "billable-rate reports",
    ),
    (
        "Atlas",
        "ATL",
        ("roadmap", "roadmaps"),
        ["roadmap", "timeline", "gantt view", "release plan"],
        "cross-team dependencies",
    ),
    (
        "Threads",
        "THR",
        ("message", "messages"),
        ["team chat", "chat channel", "messaging", "chat"],
        "unlimited message history",
    ),
    ("Grid", "GRD", ("row", "rows"), ["spreadsheet", "table view", "database table", "sheet"], "formula columns"),
]

# Each problem kind (= intent): an error code or None, a settings leaf, a title template,
# a body template, training symptoms, test symptoms (written separately), ticket-only lines.
# Slots: {m} module name, {o} object, {os} objects, {code}, {path}, {plan_team}, {plan_ent},
# {premium}, {p} product.
PROBLEMS = [
    dict(
        intent="access_denied",
        code="E-403",
        setting="Members & roles",
        title='{m}: fixing {code} "You don\'t have access"',
        body="{code} appears when your role in the workspace does not allow you to open a {o} in {m}. "
        "Viewers can read but not edit, and private {os} are hidden from members who were not invited. "
        "Ask a workspace admin to open {path} and give you the Editor role, or request access from the "
        "{o} itself with the Request access button.",
        train=[
            "it says I don't have access to the {o}",
            "I get a permission error opening a {o}",
            "the {o} is locked and tells me to ask an admin",
            "I can't open a {o} my colleague created",
            "it says access denied on the {o}",
            "my role does not let me edit the {o}",
        ],
        test=[
            "a padlock icon shows up and nothing loads",
            "{code} shows when I click the link my teammate sent",
            "a coworker's {o} greets me with a 'not allowed' screen",
            "I'm stuck as read-only",
            "after switching teams I'm blocked from everything I used to see",
        ],
        tickets=[
            "I was removed from a group and now I cannot see anything",
            "My manager says I should have editor rights",
        ],
    ),
    dict(
        intent="sync_conflict",
        code="E-409",
        setting="Relay sync",
        title="{m}: resolving {code} edit conflicts",
        body="When two people change the same {o} in {m} at the same moment, Relay, the {p} sync engine, "
        "cannot merge both edits and raises {code}. The newer edit wins and the other is kept as a conflicting "
        "copy. Open the {o}'s history to compare the two versions, and turn on live cursors under {path} "
        "so people see each other working.",
        train=[
            "my edits to the {o} were overwritten",
            "a conflicting copy of the {o} was created",
            "two of us edited the {o} and one change vanished",
            "Relay sync says there is a conflict",
            "my changes get replaced by someone else's",
            "the {o} shows a merge conflict",
        ],
        test=[
            "whatever I typed an hour ago is gone and my coworker's text is there instead",
            "there are now two versions of the same {o} with '(1)' in the name",
            "{code} pops up right after my teammate saves",
            "we keep clobbering each other's work",
        ],
        tickets=["We both worked on it at the same time from different offices", "The sync icon turned orange"],
    ),
    dict(
        intent="upload_too_large",
        code="E-413",
        setting="Storage & uploads",
        title='{m}: upload limits and {code} "File too large"',
        body="{m} accepts attachments up to 100 MB on the {plan_team} plan and 2 GB on {plan_ent}; bigger "
        "files are rejected with {code}. Compress the file, split it, or store it in Vault and link it. "
        "Admins can see the current limit under {path}.",
        train=[
            "the upload to the {o} fails because the file is too large",
            "I can't attach a big video to a {o}",
            "what is the maximum file size for a {o}",
            "the attachment is rejected as too big",
            "uploading a 300 MB file does not work",
            "it says the file exceeds the size limit",
        ],
        test=[
            "my 2-gig video just spins and then gives up",
            "{code} when I drop a zip into the {o}",
            "heavy PDFs bounce back with a red banner",
            "is there a cap on how much I can put in one {o}",
        ],
        tickets=["The file is a screen recording of about 700 MB", "Smaller images work fine"],
    ),
    dict(
        intent="rate_limited",
        code="E-429",
        setting="API & limits",
        title='{m}: {code} "Too many requests" and API rate limits',
        body="The {p} API allows 120 requests per minute per token for {m}. Scripts and bulk edits that go "
        "faster receive {code} and should wait for the number of seconds in the Retry-After header. "
        "{plan_ent} workspaces can raise the limit under {path}.",
        train=[
            "the API returns too many requests for {os}",
            "my script gets throttled when updating {os}",
            "what is the API rate limit for {os}",
            "bulk editing {os} gives a rate limit error",
            "the integration hits the request limit",
            "I am being rate limited by the API",
        ],
        test=[
            "our nightly job dies halfway with {code}",
            "the Retry-After header keeps telling me to wait",
            "the python script that touches every {o} is being slowed down on purpose",
            "how many calls per minute can my bot make",
        ],
        tickets=["We run a sync script every night at 2am", "The script uses a personal token"],
    ),
    dict(
        intent="slow_or_timeout",
        code="E-504",
        setting="Performance",
        title="{m} is slow or times out with {code}",
        body="Very large {os} in {m} can take long to load and, past 30 seconds, end with {code}. Archive old "
        "{os}, split big ones, and turn off heavy previews under {path}. If every {o} is slow, check the "
        "{p} status page and clear the browser cache.",
        train=[
            "the {o} takes forever to load",
            "{m} is very slow today",
            "loading a big {o} times out",
            "it keeps spinning when I open a {o}",
            "the {o} is laggy and freezes",
            "{m} has a gateway timeout",
        ],
        test=[
            "the page just hangs with a loading wheel for a minute",
            "{code} after waiting ages",
            "everything crawls once the {o} gets big",
            "my laptop fan spins up and then it gives up loading",
        ],
        tickets=["It was fine yesterday", "We have about 4,000 items in it"],
    ),
    dict(
        intent="restore_deleted",
        code=None,
        setting="Trash",
        title="{m}: recovering a deleted {o} from the Trash",
        body="Deleted {os} stay in the {m} Trash for 30 days ({plan_ent}: 180 days). Open {path}, find the "
        "{o} and click Restore; it comes back with its comments and attachments. Only the owner or an admin "
        "can restore, and a {o} emptied from the Trash cannot be recovered.",
        train=[
            "I deleted a {o} by mistake",
            "how do I restore a deleted {o}",
            "where is the trash for {os}",
            "can I undelete a {o}",
            "I need to recover a {o} someone removed",
            "the {o} I removed is not in the trash",
        ],
        test=[
            "an intern wiped out our most important {o} yesterday, can it come back",
            "oops, clicked the bin icon on the wrong {o}",
            "is something gone forever once I remove it",
            "a whole {o} vanished from the sidebar overnight",
        ],
        tickets=["It was there on Friday", "Nobody on the team admits deleting it"],
    ),
    dict(
        intent="export_data",
        code=None,
        setting="Export",
        title="{m}: exporting {os} to CSV, PDF or JSON",
        body="You can export any {o} from {m} as PDF, CSV or JSON with the Export button, or every {o} of a "
        "space at once under {path}. Exports of more than 1,000 {os} are prepared in the background and "
        "e-mailed as a link that works for 7 days.",
        train=[
            "how do I export a {o} to CSV",
            "download all {os} as a PDF",
            "can I export {os} as JSON",
            "I need a backup copy of my {os}",
            "export {os} for my boss",
            "the export of {os} never arrives",
        ],
        test=[
            "I want a file on my computer with everything from the {o}",
            "my auditor needs a spreadsheet of it",
            "get my stuff out before our contract ends",
            "the download link in the e-mail has expired",
        ],
        tickets=["We need it for the quarterly review", "Finance asked for a spreadsheet"],
    ),
    dict(
        intent="import_data",
        code=None,
        setting="Import",
        title="{m}: importing {os} from other tools",
        body="{m} imports {os} from CSV and from common tools with the Import wizard under {path}. Map each "
        "column to a field, preview the first 20 {os}, then run the import; it can be undone for 24 hours. "
        "Files must be UTF-8 and under 50 MB.",
        train=[
            "how do I import {os} from a CSV",
            "bring my {os} over from another tool",
            "the import of {os} fails",
            "can I move my existing {os} into {m}",
            "the import wizard does not map my columns",
            "migrate {os} from our old system",
        ],
        test=[
            "we are switching over from a competitor, can our old stuff come along",
            "the accents in names turned into question marks after uploading my file",
            "I pulled in the wrong spreadsheet, can I roll it back",
            "moving years of history over from another app",
        ],
        tickets=["We are moving from our old project tool", "The CSV came from Excel"],
    ),
    dict(
        intent="guest_sharing",
        code=None,
        setting="Sharing & guests",
        title="{m}: sharing {os} with guests outside your company",
        body="Invite people outside your organisation as guests: open the {o} in {m}, click Share and enter "
        "their e-mail. Guests see only what you share with them. Admins can turn guest access or public "
        "links off under {path}; {plan_ent} can restrict guests to approved domains.",
        train=[
            "how do I share a {o} with a client",
            "invite an external guest to a {o}",
            "give someone outside the company access to a {o}",
            "create a public link to a {o}",
            "share {os} with a contractor",
            "the guest cannot see the {o} I shared",
        ],
        test=[
            "a freelancer we hired needs to look at one thing, without seeing everything else",
            "my customer clicked the link and got a login screen",
            "send it to a partner who has no account",
            "can people without {p} peek at it",
        ],
        tickets=["They are from our agency", "They do not have an account with us"],
    ),
    dict(
        intent="notification_settings",
        code=None,
        setting="Notifications",
        title="{m}: choosing which notifications you get",
        body="Beacon, the {p} notification centre, sends alerts for {os} you follow in {m}. Choose e-mail, "
        "push or in-app alerts, mute a single {o}, or set a daily digest under {path}. Mentions always "
        "notify you unless Do Not Disturb is on.",
        train=[
            "I get too many notification e-mails about {os}",
            "how do I stop alerts for a {o}",
            "I don't get notified when a {o} changes",
            "turn off push notifications for {os}",
            "set up a daily digest for {os}",
            "mute notifications from {m}",
        ],
        test=[
            "my inbox is flooded every time someone touches anything",
            "my phone buzzes all night because of the {o}",
            "I never hear about it when someone mentions me",
            "Beacon is too chatty",
        ],
        tickets=["I receive hundreds of e-mails a day", "I missed an important update last week"],
    ),
    dict(
        intent="plan_upgrade",
        code="E-402",
        setting="Plan & billing",
        title='{m}: {code} "Upgrade required" for {premium}',
        body="Some {m} features, such as {premium}, are part of the {plan_team} and {plan_ent} plans. On the "
        "free {plan_free} plan they show {code} and an Upgrade button. An owner can change the plan under "
        "{path}; the price is prorated for the rest of the billing period.",
        train=[
            "{premium} needs an upgrade",
            "which plan includes {premium}",
            "{m} says upgrade required",
            "is {premium} available on the free plan",
            "how much does it cost to unlock {premium}",
            "the feature is greyed out on Spark",
        ],
        test=[
            "{code} and a purple button asking for money",
            "is {premium} a paid thing",
            "my trial ran out and now half of {m} is locked",
            "do I have to pay to get {premium}",
        ],
        tickets=["We are a small nonprofit on the free tier", "Our trial ended on Monday"],
    ),
    dict(
        intent="integration_setup",
        code=None,
        setting="Integrations",
        title="{m}: connecting Slack, Google Calendar and other apps",
        body="Connect {m} to Slack, Microsoft Teams, Google Calendar or GitHub under {path}. Each connection "
        "asks you to sign in to the other app once; after that, new {os} can post to a channel and events "
        "can be linked to {os}. Reconnect when the other app's token expires after 90 days.",
        train=[
            "how do I connect {m} to Slack",
            "link {os} to Google Calendar",
            "the Slack integration stopped posting",
            "set up the GitHub integration for {os}",
            "integrate {m} with Microsoft Teams",
            "reconnect an expired integration",
        ],
        test=[
            "our channel no longer gets a message when a {o} is added",
            "I want my calendar events to show up next to the {o}",
            "hook it up to our chat app",
            "the link to our code repository broke after 3 months",
        ],
        tickets=["It worked until last month", "We use Slack for everything"],
    ),
    dict(
        intent="offline_mobile",
        code=None,
        setting="Mobile & offline",
        title="{m}: using {os} offline on the mobile app",
        body="The {p} app for iOS and Android keeps the {os} you star in {m} available offline. Turn on "
        "offline mode under {path}; edits made without a connection are stored on the phone and synced by "
        "Relay when you are back online. Unstarred {os} need a connection.",
        train=[
            "can I use {os} offline on my phone",
            "the mobile app does not show {os} without internet",
            "how does offline mode work for {os}",
            "edit a {o} on the plane",
            "my phone edits to the {o} did not sync",
            "make {os} available offline on Android",
        ],
        test=[
            "I'm on a ship with no signal for a week and need the {o}",
            "in the subway the app shows an empty screen",
            "what I changed on my iPhone never showed up on my laptop",
            "stuff on my tablet while flying",
        ],
        tickets=["I travel a lot", "I use an iPhone 14"],
    ),
    dict(
        intent="version_history",
        code=None,
        setting="Version history",
        title="{m}: viewing the version history of a {o}",
        body="Every {o} in {m} keeps a version history: who changed what, and when. Open the {o}, choose "
        "History, and restore any earlier version; the current one is kept as a version too. History is kept "
        "30 days on {plan_free}, 1 year on {plan_team} and forever on {plan_ent}; see {path}.",
        train=[
            "how do I see who changed a {o}",
            "go back to an older version of a {o}",
            "view the history of a {o}",
            "undo changes made to a {o} last week",
            "compare two versions of a {o}",
            "how long is {o} history kept",
        ],
        test=[
            "someone messed up the {o} on Tuesday and I want Monday's state back",
            "find out which colleague edited it",
            "roll back to how it looked before the meeting",
            "an audit trail of edits",
        ],
        tickets=["Somebody changed the numbers", "We need to know who made the change"],
    ),
    dict(
        intent="templates",
        code=None,
        setting="Templates",
        title="{m}: duplicating {os} and saving them as templates",
        body="Duplicate a {o} in {m} with the ... menu, or save it as a template so your team can start new "
        "{os} from it. Templates live under {path}; {plan_team} and {plan_ent} workspaces can share templates "
        "with every member and lock them so only admins change them.",
        train=[
            "how do I duplicate a {o}",
            "save a {o} as a template",
            "make a copy of a {o}",
            "create a template for {os}",
            "share a {o} template with the team",
            "where are my {o} templates",
        ],
        test=[
            "I build the same {o} every Monday from scratch",
            "a starting point everybody can reuse",
            "clone it for next quarter",
            "stop my teammates from changing our standard layout",
        ],
        tickets=["We repeat the same setup for every client", "Every project starts the same way"],
    ),
]

TRAIN_WRAPPERS = ["{a}: {s}", "{s} in {a}", "how to fix: {s} ({a})", "{a} - {s}", "{s}", "help, {s} in {m}"]
TEST_WRAPPERS = [
    "Hi team, {s}. This is in the {a}.",
    "Quick question about the {a}: {s}?",
    "{s} — happening in our {a}",
    "Not sure who to ask... {s}. ({a})",
    "Since this morning {s} when using the {a}",
]
TICKET_OPENERS = ["Hello,", "Hi support,", "Good morning,", "Hey there,", "Dear Orbitly team,", "Hi,"]
TICKET_CONTEXT = [
    "We are on the {plan} plan with {n} seats.",
    "I am the admin of our workspace.",
    "This affects our whole team.",
    "I tried another browser and it is the same.",
    "We use {m} every day for our projects.",
    "Our workspace was created in {year}.",
    "I already cleared my cache.",
    "Please let me know what to do.",
    "Thanks in advance for your help.",
    "It is quite urgent for us.",
    "I attached a screenshot.",
    "Can someone call me back?",
    "We mostly use the {a} for client work.",
    "I am using the desktop app on Windows.",
    "I am using the web app in Chrome.",
    "Our IT department manages the accounts.",
]


def _fill(template: str, module: tuple, problem: dict, **extra) -> str:
    name, _code, (obj, objs), _aliases, premium = module
    path = f"Settings › {name} › {problem['setting']}"
    return template.format(
        m=name,
        o=obj,
        os=objs,
        code=problem["code"] or "",
        path=path,
        premium=premium,
        p=PRODUCT,
        plan_free=PLANS["free"],
        plan_team=PLANS["team"],
        plan_ent=PLANS["enterprise"],
        **extra,
    )


def build_articles() -> list[dict]:
    """Return the 180 articles, one per (module, problem kind)."""
    articles = []
    for pi, problem in enumerate(PROBLEMS):
        for mi, module in enumerate(MODULES):
            body = _fill(problem["body"], module, problem)
            articles.append(
                {
                    "article_id": f"KB-{pi + 1:02d}{mi + 1:02d}",
                    "title": _fill(problem["title"], module, problem),
                    "body": body,
                    "intent": problem["intent"],
                    "module": module[0],
                }
            )
    return articles


def _problem_and_module(article: dict) -> tuple[dict, tuple]:
    """The problem kind and the module an article was written from."""
    problem = next(p for p in PROBLEMS if p["intent"] == article["intent"])
    return problem, next(m for m in MODULES if m[0] == article["module"])


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:]


def _queries(articles, rng, split, per_article) -> list[dict]:
    wrappers = TRAIN_WRAPPERS if split == "train" else TEST_WRAPPERS
    out = []
    for article in articles:
        problem, module = _problem_and_module(article)
        symptoms = rng.sample(problem[split], k=min(per_article, len(problem[split])))
        for symptom in symptoms:
            alias = rng.choice(module[3])
            text = rng.choice(wrappers).format(s=_fill(symptom, module, problem), a=alias, m=module[0])
            out.append({"query": _capitalised(text), "article_id": article["article_id"]})
    rng.shuffle(out)
    for i, q in enumerate(out):
        q["query_id"] = f"{split[:2]}-{i:04d}"
    return [{"query_id": q["query_id"], "query": q["query"], "article_id": q["article_id"]} for q in out]


def build_dev(articles, rng: random.Random, taken: set[str]) -> list[dict]:
    """Return dev queries drawn like the test queries, none equal (case-insensitive) to a text in ``taken``."""
    out = []
    for article in articles:
        problem, module = _problem_and_module(article)
        chosen: list[str] = []
        while len(chosen) < DEV_PER_ARTICLE:
            symptom = _fill(rng.choice(problem["test"]), module, problem)
            text = _capitalised(rng.choice(TEST_WRAPPERS).format(s=symptom, a=rng.choice(module[3]), m=module[0]))
            if text.lower() not in taken:
                taken.add(text.lower())
                chosen.append(text)
        out += [{"query": text, "article_id": article["article_id"]} for text in chosen]
    rng.shuffle(out)
    return [{"query_id": f"de-{i:04d}", **q} for i, q in enumerate(out)]


def build_tickets(rng: random.Random, n: int) -> list[str]:
    """Return ``n`` distinct unlabeled ticket sentences (training phrasings and ticket-only lines)."""
    sentences: set[str] = set()
    while len(sentences) < n:
        problem = rng.choice(PROBLEMS)
        module = rng.choice(MODULES)
        alias = rng.choice(module[3])
        kind = rng.random()
        if kind < 0.45:
            s = _fill(rng.choice(problem["train"]), module, problem)
            s = f"{rng.choice(TICKET_OPENERS)} {s} in the {alias}."
        elif kind < 0.65:
            s = rng.choice(problem["tickets"]) + f" (this is about {module[0]})."
        else:
            s = rng.choice(TICKET_CONTEXT).format(
                plan=rng.choice(list(PLANS.values())),
                n=rng.randint(3, 400),
                m=module[0],
                a=alias,
                year=rng.randint(2016, 2025),
            )
            s = f"{s} {rng.choice(TICKET_CONTEXT).format(plan='Orbit', n=10, m=module[0], a=alias, year=2020)}"
        sentences.add(_capitalised(s))
    return sorted(sentences, key=lambda _: rng.random())


def cross_split_similarity(train: list[dict], test: list[dict]):
    """Return, for each test query, its highest cosine similarity to any training query (all-MiniLM-L6-v2)."""
    from course_utils import load_model

    model = load_model()
    a = model.encode([q["query"] for q in test], normalize_embeddings=True)  # (n_test, 384)
    b = model.encode([q["query"] for q in train], normalize_embeddings=True)  # (n_train, 384)
    return (a @ b.T).max(axis=1)  # (n_test,)


def write_jsonl(path: Path, rows: list) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    rng = random.Random(SEED)
    articles = build_articles()
    train = _queries(articles, rng, "train", TRAIN_PER_ARTICLE)
    test = _queries(articles, rng, "test", TEST_PER_ARTICLE)
    tickets = build_tickets(rng, N_TICKETS)
    train_texts = {q["query"].lower() for q in train}
    test = [q for q in test if q["query"].lower() not in train_texts]
    sims = cross_split_similarity(train, test)
    kept = [q for q, s in zip(test, sims, strict=True) if s <= MAX_CROSS_SPLIT_COSINE]
    print(f"test queries: {len(test)}, dropped as near-duplicates of training: {len(test) - len(kept)}")
    print(f"largest cross-split cosine: {max(s for s in sims if s <= MAX_CROSS_SPLIT_COSINE):.4f}")
    test = kept
    dev = build_dev(articles, random.Random(SEED + 1), train_texts | {q["query"].lower() for q in test})
    dev_sims = cross_split_similarity(train, dev)
    dev = [q for q, s in zip(dev, dev_sims, strict=True) if s <= MAX_CROSS_SPLIT_COSINE]
    print(f"dev queries: {len(dev)}, largest cosine to training: {dev_sims.max():.4f}")
    write_jsonl(HERE / "articles.jsonl", articles)
    write_jsonl(HERE / "queries_train.jsonl", train)
    write_jsonl(HERE / "queries_test.jsonl", test)
    write_jsonl(HERE / "queries_dev.jsonl", dev)
    ticket_file = HERE / "tickets.jsonl"
    if not ticket_file.exists() or {r["text"] for r in map(json.loads, ticket_file.open())} != set(tickets):
        write_jsonl(ticket_file, [{"text": t} for t in tickets])  # the order follows string hashing: see README
    print(f"articles {len(articles)}, train {len(train)}, dev {len(dev)}, test {len(test)}, tickets {len(tickets)}")


if __name__ == "__main__":
    main()
