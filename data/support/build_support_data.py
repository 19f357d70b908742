"""Write the Orbitly support-desk dataset of the course: help-centre articles, queries, tickets.

Everything is invented for the course: the product (Orbitly, a team workspace), its twelve
modules, plans, error codes, limits and settings paths. See README.md for how the data is
made and what its known biases are.

* 12 modules x 15 intents (kinds of problem) = 180 articles. Each article is an intent-level
  intro and closing (three variants each, rotated by module) around a hand-written passage
  that is specific to the module: its own causes, limits, UI messages, menus and fixes.
* Queries are customer messages: a *symptom* (24 hand-written per intent, module-agnostic,
  with the module's object as a slot) inside a *wrapper* of one of six registers (terse,
  plain, polite, angry, non-native, with a context sentence), a reference to the module
  (its name, a customer alias, its object, or nothing), sometimes a UI text quoted from the
  article, rarely a typo. Each intent's symptom pool, each register's wrappers and the context
  sentences are split disjointly (seeded) between train and dev/test: the splits share the
  style, never the phrasing. Dev and test are drawn alternately from one candidate stream.
* Dev/test candidates whose nearest training query has all-MiniLM-L6-v2 cosine above
  MAX_CROSS_SPLIT_COSINE are dropped before the 2 + 2 per article are taken.
* Tickets are e-mail-like texts made only from the training half (symptoms, wrappers, contexts)
  plus ticket-only lines, so unsupervised training on them cannot see a dev/test phrasing.

Deterministic: fixed seeds, no iteration over sets. Needs course_utils (for the MiniLM check) on
the path. Run: python build_support_data.py   (writes the JSONL files next to this script)

License of the generated data: CC BY 4.0 (see README.md).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

# ---------------------------------------------------------------- product facts and text

PRODUCT = "Orbitly"
PLANS = {"free": "Spark", "team": "Orbit", "enterprise": "Nova"}

# name, object (singular, plural), aliases customers use, paid feature
MODULES = [
    (
        "Canvas",
        ("board", "boards"),
        ["whiteboard", "sketch board", "canvas board", "drawing space"],
        "infinite zoom and shape libraries",
    ),
    ("Pages", ("page", "pages"), ["wiki", "knowledge base", "team docs", "wiki page"], "page analytics"),
    (
        "Flows",
        ("flow", "flows"),
        ["automation", "automation rules", "workflow trigger", "auto rules"],
        "multi-step flows",
    ),
    (
        "Pulse",
        ("dashboard", "dashboards"),
        ["dashboard", "charts", "metrics view", "reporting widget"],
        "scheduled dashboard e-mails",
    ),
    (
        "Vault",
        ("file", "files"),
        ["file storage", "attachments", "shared drive", "uploaded files"],
        "version-locked files",
    ),
    ("Tracks", ("card", "cards"), ["kanban", "task board", "to-do columns", "sprint board"], "swimlanes"),
    (
        "Huddle",
        ("recording", "recordings"),
        ["video call", "meeting room", "call recordings", "video chat"],
        "cloud recording",
    ),
    ("Intake", ("form", "forms"), ["form builder", "survey", "request form", "questionnaire"], "conditional questions"),
    (
        "Ledger",
        ("timesheet", "timesheets"),
        ["time tracking", "timesheets", "hours log", "time tracker"],
        "billable-rate reports",
    ),
    (
        "Atlas",
        ("roadmap", "roadmaps"),
        ["roadmap", "timeline", "gantt view", "release plan"],
        "cross-team dependencies",
    ),
    (
        "Threads",
        ("message", "messages"),
        ["team chat", "chat channel", "messaging", "chat"],
        "unlimited message history",
    ),
    ("Grid", ("row", "rows"), ["spreadsheet", "table view", "database table", "sheet"], "formula columns"),
]
MODULE_NAMES = [m[0] for m in MODULES]

# Per intent: error code, settings leaf, 3 title variants, 3 intro variants, 3 closing variants,
# 12 module-specific passages (module order above), a symptom pool (split between train and
# dev/test by the script; a leading "?" marks a question), and ticket-only lines.
INTENTS = [
    dict(
        intent="access_denied",
        code="E-403",
        leaf="Members & roles",
        titles=[
            '{m}: fixing {code} "You don\'t have access"',
            "Why can't I open this {o}? Permissions in {m}",
            "{m} access errors and how to request access",
        ],
        intros=[
            "{code} means your role does not allow the action you tried in {m}.",
            "Access in {m} is decided by your workspace role and by who the {o} was shared with.",
            "If a {o} refuses to open or stays read-only, {m} is checking permissions you do not have.",
        ],
        closings=[
            "Workspace admins can review roles under {path}.",
            "When in doubt, use Request access on the {o}; the owner gets an e-mail.",
            "Roles changed by an admin apply at once; reload the page after the change.",
        ],
        specific=[
            (
                "Boards inside a private Room inherit the Room's member list, so being a workspace Editor is not "
                'enough. A Facilitator adds you from the "People in this room" panel, and locked frames show "Only '
                'facilitators can move this frame".'
            ),
            (
                'Pages inherits permissions from its space: a page in a restricted space shows "This page is in a '
                'restricted space". A space owner adds you under Space settings › Permissions, or exports a copy to '
                "your own space."
            ),
            (
                'Only Builders can open a flow\'s editor; other members see "You can run this flow but not edit it". '
                "A flow that uses a connection owned by someone else also fails with E-403 until the owner shares "
                "the connection under Settings › Flows › Connections."
            ),
            (
                'A dashboard can open while some widgets stay blank with "No access to the source data": each widget '
                "checks your rights on the Grid table or Ledger project it reads. Ask for access to the source, not "
                "to the dashboard."
            ),
            (
                "Folders marked Restricted are hidden even from workspace admins unless they use Admin override. A "
                'file that someone has checked out shows "Locked — checked out by another member" until it is '
                "checked back in."
            ),
            (
                "Cards on a private board, or in a swimlane limited to one team, return E-403 when opened from a "
                "link. Board admins change this under Board menu › Visibility; a card you were only mentioned on "
                'opens in "Preview only" mode.'
            ),
            (
                "Recordings are visible to the meeting's invitees only. If you joined through a forwarded link you "
                'were not on the invite, so the recording shows "Ask the host for access"; the host can add viewers '
                "from its Share panel."
            ),
            (
                "Responses are visible only to a form's Reviewers; editors without that role see \"Responses are "
                'hidden for your role". Respondents who get E-403 on the form itself are usually outside the e-mail '
                "domains allowed under Settings › Intake › Who can respond."
            ),
            (
                "Managers see their team's timesheets and everyone else sees only their own, so opening a "
                'colleague\'s timesheet shows "Timesheet belongs to another team". Approvers are assigned per project '
                "under Settings › Ledger › Approval chains."
            ),
            (
                "Roadmaps shared across teams are read-only outside the owning team; editing an initiative shows "
                '"Owned by another team — suggest a change instead". The owning team grants Planner rights under '
                "Settings › Atlas › Team access."
            ),
            (
                'Private channels do not appear in search, and a link to a message in one shows "You are not a '
                'member of this channel". Only a channel admin can add you; workspace admins can join through '
                "Settings › Threads › Channel directory."
            ),
            (
                'Grid can protect single columns: the row opens, but protected cells show "Column protected by the '
                'table owner" and editing them returns E-403. The owner changes this from the column menu › Protect '
                "column."
            ),
        ],
        pool=[
            "it says I don't have access to this {o}",
            "?why can't I open the {o} my colleague shared",
            "getting {code} when I click the link",
            "~{code} on a {o}",
            "locked out of a {o} I could edit yesterday",
            "everything is read-only for me",
            "there's a padlock icon and a request access button",
            "my manager swears I have editor rights but I can't change anything",
            "no permission to edit",
            "since I moved to another team I can't see our old {os}",
            "the link my teammate sent just shows a not allowed page",
            "?who can give me access to a {o}",
            "access denied",
            "I can see the {o} in the list but opening it fails",
            "some parts of the {o} are hidden from me",
            "our new hire can't open anything we share with her",
            "permission error",
            "I'm an admin and still get a permission error on one {o}",
            "?how do I request access to a private {o}",
            "the {o} opens but every edit bounces back",
            "our contractor says the {o} is blocked for him",
            "can't edit, only view",
            "~forbidden error on one {o}",
            "?is there a way to see who has access to a {o}",
        ],
        tickets=[
            "I was removed from a group and now I cannot see anything",
            "My manager says I should have editor rights",
            "The owner of the space is on holiday until next week",
        ],
    ),
    dict(
        intent="sync_conflict",
        code="E-409",
        leaf="Relay sync",
        titles=[
            "{m}: resolving {code} edit conflicts",
            "When two people edit the same {o} in {m}",
            "{m}: lost edits and conflicting copies",
        ],
        intros=[
            "Relay, the {p} sync engine, raises {code} when two changes to the same {o} in {m} cannot be merged.",
            "{m} saves every change through Relay; when two changes collide, one of them has to give way.",
            (
                "Conflicts in {m} happen when the same {o} is changed from two places before Relay has synced either "
                "change."
            ),
        ],
        closings=[
            "Live cursors, under {path}, show who else is working so people can avoid each other.",
            "Nothing is lost in a conflict: the losing change is kept as described above.",
            "Conflicts are more frequent on slow connections; Relay's status dot turns orange while it retries.",
        ],
        specific=[
            (
                "On a board, conflicts usually come from two people moving or resizing the same shape at once. The "
                'later move wins and the other appears as a faded ghost shape labelled "Conflicted copy" that you '
                "can drag back or delete."
            ),
            (
                'Two people editing the same paragraph while one is offline produces the banner "Your changes were '
                'saved as a separate draft". Open Drafts in the page header to merge the text by hand.'
            ),
            (
                "Flows cannot be co-edited: if two builders save the same flow, the second save fails with E-409 "
                '"Flow changed since you opened it". Reload, reapply your change, and use Flow lock under Settings › '
                "Flows › Editing to reserve a flow while you work."
            ),
            (
                "Dashboards conflict when two people rearrange widgets at the same time; Pulse keeps the layout "
                'saved last and lists the other under "Layout versions". Filters are personal and never conflict.'
            ),
            (
                'A file edited in a desktop app and on the web at the same time is saved twice, with "(conflicted '
                "copy)\" and the editor's name added to the file name. Turn on check-out under Settings › Vault › "
                "File locking to prevent it."
            ),
            (
                "Moving the same card to two different columns within a few seconds causes E-409: the card returns "
                'to its previous column with the note "Move rejected: card was moved by someone else". Move it again.'
            ),
            (
                "Transcripts and chapters of a recording can be edited by several people; when two edits hit the "
                'same chapter, Huddle keeps both and marks the chapter "Needs review". The recording itself cannot '
                "conflict."
            ),
            (
                'Editing a published form while someone else does gives "Another editor published a newer version". '
                "Responses collected in between keep the questions they answered, so a changed question appears "
                "twice in the results."
            ),
            (
                'A timesheet edited both in the phone timer and on the web can end up with entries flagged "Overlap '
                '— 2 entries for the same time". Ledger keeps both; delete the wrong one before submitting, because '
                "submitted timesheets are frozen."
            ),
            (
                "When two planners drag the same initiative on the timeline, Atlas keeps the later dates and records "
                'the earlier ones in the initiative\'s activity as "Dates overwritten by sync". Dependencies are '
                "recalculated after the merge."
            ),
            (
                'A message edited on two devices at once keeps the last edit and shows "edited"; the earlier text is '
                "in its edit history. Drafts are stored per device and are never synced, so they cannot conflict."
            ),
            (
                "Two people changing the same cell produce E-409 and a yellow corner on the cell; hover it to see "
                '"Overwritten value" and restore it with one click. Formula columns recalculate once the conflict is '
                "resolved."
            ),
        ],
        pool=[
            "my changes to the {o} got overwritten",
            "two of us edited the same {o} and half my work vanished",
            "{code} after my coworker saved",
            "there's a second copy of the {o} with conflicted in the name",
            "we keep overwriting each other",
            "edit conflict",
            "my text from this morning is gone and someone else's is there",
            "~sync conflict on a {o}",
            "the {o} warns me that it changed since I opened it",
            "I edited offline and now there are two versions",
            "Relay sync keeps reporting a conflict",
            "?which version wins when two people edit at once",
            "changes disappear when my colleague is also in the {o}",
            "my update got rejected because someone else got there first",
            "duplicates appeared after we both saved",
            "~{code} conflict",
            "?how do we stop stepping on each other's edits",
            "I lost my edits to a conflict",
            "the orange sync icon won't go away",
            "someone else's save replaced mine",
            "?can I merge the two versions of the {o}",
            "my laptop and phone show different versions of the {o}",
            "~conflicting copy created",
            "whatever I change gets reverted a few seconds later",
        ],
        tickets=[
            "We both worked on it at the same time from different offices",
            "The sync icon turned orange",
            "Our Wi-Fi on the train kept dropping",
        ],
    ),
    dict(
        intent="upload_too_large",
        code="E-413",
        leaf="Storage & uploads",
        titles=[
            '{m}: upload limits and {code} "File too large"',
            "How big can files be in {m}?",
            "{m}: what to do when a file is too large",
        ],
        intros=[
            "{code} means the file or data you sent to {m} is over a size limit.",
            "Every module of {p} has its own size limits; these are the ones for {m}.",
            "Large uploads to {m} fail with {code} instead of being cut off silently.",
        ],
        closings=[
            "Admins see the current limits for the workspace under {path}.",
            "Compressing the file or splitting it in parts is usually the quickest fix.",
            "Limits are per file, not per day, so many small uploads are fine.",
        ],
        specific=[
            (
                "Images placed on a board can be at most 25 MB each, and one board holds 500 MB of embedded media. "
                'Bigger images are refused with "Image too large for board"; link them from Vault instead of '
                "embedding."
            ),
            (
                'Pages embeds attachments up to 50 MB, and videos over that size show "Upload to Vault and embed the '
                'link". A single page holds at most 200 attachments.'
            ),
            (
                "Steps pass files of at most 10 MB to each other; a step that receives a bigger file stops with "
                'E-413 "Payload too large". Choose the "Pass file link" option so the step gets a Vault link instead '
                "of the file."
            ),
            (
                "Pulse does not store files, but CSV data sources are limited to 20 MB or 200,000 lines; a bigger "
                'file fails with "Source file too large". Split it, or load it into Grid and connect the table.'
            ),
            (
                "Vault takes single files up to 5 GB on Orbit and 50 GB on Nova, with resumable uploads in the "
                'desktop app. Browser uploads over 2 GB stop with E-413 "Use the desktop app for files this size".'
            ),
            (
                "Attachments on a card can be up to 100 MB each, and a card holds at most 20 files. Cover images "
                "over 5 MB are scaled down automatically; other oversize files get E-413."
            ),
            (
                "Huddle accepts recordings made elsewhere up to 4 hours or 8 GB; longer files are refused with "
                '"Recording exceeds the 4-hour limit". Cut the file in two, or record in Huddle, which splits long '
                "meetings into parts."
            ),
            (
                "Respondents can attach files to a file-upload question up to the size the form owner sets, 10 MB by "
                'default and at most 1 GB on Nova. A respondent over the limit sees "This file is larger than the '
                'form allows".'
            ),
            (
                "Receipts attached to time entries can be up to 15 MB each, as JPG, PNG or PDF. Phone photos are "
                'compressed; scanned multi-page PDFs are the usual cause of "Receipt too large".'
            ),
            (
                "Roadmap attachments are limited to 50 MB, and an image export wider than 16,000 pixels fails with "
                "E-413. Zoom to a quarter view before exporting, or export to PDF, which splits the timeline into "
                "pages."
            ),
            (
                "Files shared in a channel can be up to 1 GB, and a message up to 40,000 characters; a longer one is "
                'refused with "Message too long — send it as a snippet". Paste long logs as a snippet.'
            ),
            (
                "Attachment cells accept files up to 100 MB and a table holds 50,000 lines; pasting a bigger block "
                'returns E-413 "Too many rows in one paste". Paste in batches of 10,000 or use Import.'
            ),
        ],
        pool=[
            "file too large",
            "the upload fails because the file is too big",
            "{code} when I upload a video",
            "?what's the max file size",
            "my 3 GB recording won't upload",
            "the attachment bounces back with a red banner",
            "can't attach a large PDF to the {o}",
            "it says the file exceeds the limit",
            "uploads over a few hundred MB just spin and fail",
            "?is there a size cap for attachments",
            "~big zip file rejected",
            "smaller files work but the big one doesn't",
            "~{code} payload too large",
            "?how do I get a huge file into the {o}",
            "the scan is 80 pages and it refuses it",
            "the upload stops at 99% and then errors",
            "?why is there a limit on uploads",
            "I dragged a large file in and got an error",
            "it won't take my file, says it's too big",
            "the client's video is too heavy to share",
            "~limit on file size",
            "the photo from my phone is rejected as too large",
            "?can admins raise the upload limit",
            "~{code} error on upload",
        ],
        tickets=[
            "The file is a screen recording of about 700 MB",
            "Smaller images work fine",
            "We scan contracts at high resolution",
        ],
    ),
    dict(
        intent="rate_limited",
        code="E-429",
        leaf="API & limits",
        titles=[
            '{m}: {code} "Too many requests" and API rate limits',
            "API limits for {m} and how to stay under them",
            "{m}: scripts and integrations being throttled",
        ],
        intros=[
            "The {p} API answers {code} when a token sends more requests to {m} than its limit allows.",
            "Scripts, bots and integrations that call {m} share per-token limits.",
            "Throttling protects {m} from runaway scripts; a throttled call returns {code}.",
        ],
        closings=[
            "Wait for the number of seconds in the Retry-After header before you retry.",
            "{nova} workspaces can raise limits under {path}.",
            "Use one token per integration, so one noisy script does not slow down the others.",
        ],
        specific=[
            (
                "The boards endpoint /v2/canvas/boards accepts 60 requests per minute per token, and drawing shapes "
                "through the API costs one request per shape. The batch endpoint /shapes:batch takes up to 500 "
                "shapes in one call."
            ),
            (
                "Pages allows 100 requests per minute, but search calls count triple. Bots that re-read every page "
                'to find changes should call /v2/pages/changes with the "since" parameter instead of polling each '
                "page."
            ),
            (
                "Flows is throttled on runs, not only on API calls: a flow runs at most 1,000 times an hour, and "
                'extra triggers are queued with "Run delayed: hourly limit reached". Nova raises the cap to 10,000.'
            ),
            (
                "Dashboard refreshes count against the workspace's 300 queries per minute: thirty widgets refreshing "
                "every minute can use it up and show E-429 on the widgets. Set refresh to 5 minutes under Widget › "
                "Refresh."
            ),
            (
                "Vault limits API transfers to 50 files per minute and 10 GB per hour per token. Sync tools that "
                're-download whole folders hit "Transfer quota exceeded"; use the delta endpoint /v2/vault/changes.'
            ),
            (
                "Tracks accepts 120 requests per minute, and moving cards through the API costs one request per "
                "card. The bulk endpoint /v2/tracks/cards:move moves up to 200 cards in one request."
            ),
            (
                "The API allows 20 recording downloads per hour per workspace; more return E-429 with a Retry-After "
                "of up to 3,600 seconds. The compressed MP4 counts as half a download."
            ),
            (
                "Public forms accept 30 submissions per minute from one IP address to stop spam, so an office behind "
                'one address can see "Too many submissions, try again in a minute". Admins allow-list an IP range '
                "under Settings › Intake › Spam protection."
            ),
            (
                "Timers started and stopped by integrations count as two calls each, and Ledger allows 60 calls per "
                "minute per user. Payroll exports through /v2/ledger/reports are limited to 10 per hour."
            ),
            (
                "Atlas allows 90 requests per minute, and syncing dependencies from an issue tracker can send one "
                'call per link. Turn on "Batch dependency sync" under Settings › Atlas › Integrations to send them '
                "in groups of 100."
            ),
            (
                "Bots can post one message per second per channel; a burst gets E-429 and the messages arrive late. "
                "Reading history is limited to 50 calls per minute; use the export API for a full history."
            ),
            (
                "Grid allows 120 requests per minute and up to 100 lines per write; writing one line per request "
                "uses the limit quickly. Send lists of changes to /v2/grid/rows:batch instead."
            ),
        ],
        pool=[
            "too many requests",
            "our script gets {code} halfway through",
            "the API keeps throttling us",
            "?what's the API rate limit",
            "the Retry-After header keeps telling me to wait",
            "bulk update fails with a rate limit error",
            "my bot gets blocked after a minute",
            "~{code} from the API",
            "the nightly sync job dies with too many requests",
            "?how many calls per minute are allowed",
            "the integration stopped, says quota exceeded",
            "we hit the request limit every morning",
            "our importer slows to a crawl and then errors out",
            "rate limited",
            "?can the rate limit be raised for our workspace",
            "a third-party automation fails with 429",
            "getting throttled when I update hundreds of {os} by script",
            "?is there a batch endpoint so I don't get throttled",
            "our python script is being slowed down on purpose",
            "the API says try again later",
            "requests start failing after the first hundred",
            "~too many calls error in our integration",
            "?why does the API reject requests from our server",
            "429 errors",
        ],
        tickets=[
            "We run a sync script every night at 2am",
            "The script uses a personal token",
            "Our developer wrote the integration last year",
        ],
    ),
    dict(
        intent="slow_or_timeout",
        code="E-504",
        leaf="Performance",
        titles=[
            "{m} is slow or times out with {code}",
            "Speeding up large {os} in {m}",
            "{m}: loading problems and timeouts",
        ],
        intros=[
            "Requests to {m} that take longer than the server allows end with {code}.",
            "{m} slows down for a few known reasons, most of them related to size.",
            "If {m} feels sluggish, start with the causes below before contacting support.",
        ],
        closings=[
            "If every module is slow, check the {p} status page and clear the browser cache.",
            "Heavy options can be turned off for the whole workspace under {path}.",
            "The desktop app is usually faster than a browser tab with many extensions.",
        ],
        specific=[
            (
                "Boards slow down past about 5,000 objects or with many embedded images, and high-resolution "
                'rendering makes it worse. Turn off "Render image previews" under Settings › Canvas › Performance '
                "and split big boards into linked boards."
            ),
            (
                'Long pages with many embedded dashboards or tables load every embed at once. Switch embeds to "Load '
                'on click" under Settings › Pages › Embeds, and split pages longer than 20,000 words.'
            ),
            (
                'A single run stops after 15 minutes with E-504 "Run timed out". Long loops over many records should '
                'use the "Process in batches" step, and webhooks you call should answer within 30 seconds.'
            ),
            (
                "A widget that queries more than a year of data, or a table with over 100,000 lines, can pass the "
                '60-second query limit and show "Query timed out". Add a date filter or use a pre-aggregated view.'
            ),
            (
                "Folders with more than 10,000 files open slowly, and thumbnails for RAW photos and large PDFs are "
                'generated on first view. Turn off "Generate thumbnails" for the folder or group files in subfolders.'
            ),
            (
                "Boards with more than 2,000 open cards, or many automation badges, are slow to draw. Archive done "
                "cards automatically under Board menu › Auto-archive and collapse swimlanes you do not need."
            ),
            (
                "Choppy calls are usually bandwidth: Huddle needs 1.5 Mbit/s up and down for HD video. Switch to "
                '"Low bandwidth mode" in the call menu; recordings over 3 hours take up to an hour to process.'
            ),
            (
                "Forms with hundreds of conditional questions slow the editor down, and the responses view times out "
                "after 50,000 responses. Archive old responses to Grid under Settings › Intake › Response archive."
            ),
            (
                "Reports covering more than 12 months across all projects can run long enough to end with E-504. Run "
                "yearly reports as a scheduled report, which is e-mailed when ready."
            ),
            (
                'Timelines with several hundred initiatives and dependency lines draw slowly, and the "Show all '
                'dependencies" toggle is the main cost. Turn it off or filter the roadmap to one team.'
            ),
            (
                "Channels with years of history and many images scroll slowly on older computers. Turn off "
                '"Auto-play GIFs" and "Inline link previews" under Settings › Threads › Display.'
            ),
            (
                "Tables slow down with many formula columns that reference other tables, and views over 50,000 lines "
                "time out with E-504. Replace lookups with linked records and use filtered views."
            ),
        ],
        pool=[
            "the {o} takes forever to load",
            "~{code} gateway timeout",
            "everything is super slow today",
            "?why is it so laggy",
            "it keeps spinning and never loads",
            "the page freezes once the {o} gets big",
            "timed out after a minute of waiting",
            "my laptop fan spins up and the tab crashes",
            "{code} after waiting ages",
            "~loading wheel forever",
            "slow",
            "it worked fine until the {o} got really large",
            "the browser says the page is unresponsive",
            "?is Orbitly down or is it just me",
            "scrolling is choppy",
            "the report never finishes loading",
            "very sluggish since last week",
            "the {o} hangs when I open it",
            "times out",
            "?how do I make a big {o} faster",
            "it takes 40 seconds to open a {o}",
            "performance is terrible with lots of data",
            "~request timeout",
            "the app becomes unusable after a few minutes",
        ],
        tickets=["It was fine yesterday", "We have about 4,000 items in it", "Our office internet is not the fastest"],
    ),
    dict(
        intent="restore_deleted",
        code=None,
        leaf="Trash",
        titles=[
            "{m}: recovering a deleted {o} from the Trash",
            "Undo a deletion in {m}",
            "{m}: what happens when you delete a {o}",
        ],
        intros=[
            "Deleted {os} in {m} are not gone at once.",
            "Most deletions in {m} can be undone for a while, by the right person.",
            "Before you contact support about a lost {o}, check the places below.",
        ],
        closings=[
            "The Trash is under {path}; {nova} keeps deleted items 180 days instead of 30.",
            "Only the owner or an admin can restore, and nothing emptied from the Trash can be recovered.",
            "The workspace audit log shows who deleted what, if you need to know.",
        ],
        specific=[
            (
                "A deleted board stays in Canvas › Trash for 30 days. Objects deleted from a board, such as a frame "
                "or sticky notes, are not in the Trash: bring them back from the board's version history, or press "
                "Ctrl+Z before you leave the board."
            ),
            (
                "Deleting a page also deletes its child pages, and restoring the parent brings back the whole tree. "
                'If its space was archived, unarchive the space first, or the restore button shows "Space is '
                'archived".'
            ),
            (
                "Deleted flows can be restored for 30 days but come back turned off and with their connections "
                "disconnected. Turn the flow on and authorize each connection again; runs missed in the meantime are "
                "not replayed."
            ),
            (
                "Restoring a dashboard brings back its layout and widgets, but widgets whose source table was "
                'deleted show "Source missing". Restore the Grid table first, then the dashboard.'
            ),
            (
                "Deleted files go to the Trash of the folder's owner, not of the person who deleted them, so ask the "
                "folder owner. On Nova, admins can search every Trash under Settings › Vault › Retention."
            ),
            (
                'Archived cards are not deleted: find them with the board filter "Show archived". Deleted cards stay '
                "in the board's Trash for 30 days and return to their original column."
            ),
            (
                "Recordings are removed automatically after the retention period your admin sets, 90 days by "
                "default, and those are not in the Trash. Only recordings deleted by hand can be restored, within 30 "
                "days."
            ),
            (
                "A restored form comes back closed so that it does not collect responses by surprise; reopen it from "
                "the Share tab. Deleted responses are restored separately, from Responses › Deleted."
            ),
            (
                "Deleted time entries can be restored until the timesheet is approved. After approval they are gone, "
                "and a manager must reopen the timesheet under Approvals › Reopen."
            ),
            (
                "A deleted initiative takes its dependency lines with it. Restoring it from the roadmap Trash brings "
                "the lines back only if the linked initiatives still exist."
            ),
            (
                "Members cannot restore deleted messages; on Orbit and Nova an admin can recover them for 14 days "
                "under Settings › Threads › Message retention. A deleted channel can be restored by an admin for 30 "
                "days."
            ),
            (
                'Deleted lines of a table stay in its "Row trash" for 30 days and can be restored in bulk with their '
                "comments and attachments; deleted columns come back from the table's version history."
            ),
        ],
        pool=[
            "I deleted a {o} by mistake",
            "?how do I get back a deleted {o}",
            "?where is the trash",
            "someone removed our {o} and we need it back",
            "undelete",
            "an intern wiped out the most important {o} yesterday",
            "I accidentally clicked the bin icon",
            "?is it gone forever once deleted",
            "the {o} vanished overnight",
            "restore deleted {o}",
            "I emptied the trash, please tell me there's a backup",
            "?can I recover something deleted last month",
            "the restore button is greyed out",
            "lost a {o}, nobody admits deleting it",
            "?who can restore deleted items",
            "a whole bunch of {os} disappeared",
            "oops, deleted the wrong one",
            "I can't find the {o} in the trash",
            "recover deleted {os}",
            "it was there on Friday and now it's gone",
            "?does deleting a {o} delete everything in it",
            "I need that {o} back before the meeting",
            "I restored it but parts are missing",
            "?how long do deleted things stay recoverable",
        ],
        tickets=[
            "I saw it in the sidebar last week",
            "Nobody on the team admits deleting it",
            "A former employee cleaned up before leaving",
        ],
    ),
    dict(
        intent="export_data",
        code=None,
        leaf="Export",
        titles=["{m}: exporting {os} to other formats", "Getting your {os} out of {m}", "{m} export options"],
        intros=[
            "You can take a copy of your {os} out of {m} at any time.",
            "{m} has several export formats; which one fits depends on what you need the copy for.",
            "Exports from {m} are free on every plan.",
        ],
        closings=[
            "Large exports are prepared in the background and e-mailed as a link valid for 7 days.",
            "Admins can export a whole workspace at once under {path}.",
            "Exports contain only what you are allowed to see.",
        ],
        specific=[
            (
                "Export a board as PNG, SVG or PDF from the Share menu; select a frame first to export only that "
                "frame. A PDF has one frame per page and keeps sticky-note text searchable."
            ),
            (
                "Export a page to PDF, Markdown or Word. Exporting a whole space gives a ZIP of Markdown files with "
                "images in an assets folder, and links between pages become relative links."
            ),
            (
                "A flow exports as a JSON definition you can copy to another workspace; connections and secrets are "
                "left out and must be reconnected. Run history is a separate CSV download."
            ),
            (
                "A dashboard exports as PDF or PNG, and each widget's data as CSV from the widget menu › Download "
                "data. Scheduled PDF e-mails are available on Orbit and Nova."
            ),
            (
                'To download many files, select a folder and choose "Download as ZIP"; archives over 10 GB are split '
                "into parts. The desktop app can instead mirror a whole Vault to your disk."
            ),
            (
                "Export a board to CSV with one line per card: column, assignee, due date and labels. Comments are "
                'only in the JSON export, and archived cards only when "Include archived" is ticked.'
            ),
            (
                "Download a recording as MP4, its transcript as TXT or VTT, and the meeting chat as a text file. "
                "Recordings over 4 GB are offered as a link rather than a direct download."
            ),
            (
                "Responses export to CSV or Excel from the Responses tab, one column per question; uploaded files "
                'come as links valid for 7 days. Tick "Include partial responses" to get unfinished ones too.'
            ),
            (
                "Export timesheets to CSV or to payroll formats under Reports › Export, one line per time entry. "
                "Billable-rate columns appear only on plans with billable-rate reports."
            ),
            (
                "Export a roadmap as a PNG image, a PDF split into pages, or a CSV of initiatives with start and end "
                "dates. Dependencies are only included in the JSON export."
            ),
            (
                "Members can export one channel as a text file. An export of all public channels as JSON is for "
                "admins under Settings › Threads › Export, and private channels need a Nova compliance export."
            ),
            (
                "Export a table or a filtered view to CSV or Excel. Formulas are exported as values and linked "
                "records as their display names; exports over 100,000 lines are e-mailed."
            ),
        ],
        pool=[
            "?how do I export a {o}",
            "export to csv",
            "I need everything from the {o} as a file",
            "my auditor wants a spreadsheet of it",
            "?can I download all {os} at once",
            "we need our data out before the contract ends",
            "the export link in the e-mail expired",
            "export as pdf",
            "?which formats can I export to",
            "I want a backup of our {os} on my computer",
            "download {os}",
            "the export is missing some fields",
            "?is there a way to save a copy for our records",
            "I need a PDF to send to a client",
            "the export never arrives",
            "?how do I export just part of a {o}",
            "bulk export",
            "the exported file is empty",
            "our finance team needs the data in Excel",
            "?can I export to JSON",
            "I clicked export and nothing downloaded",
            "export the {o} for a presentation",
            "?what happens to links and images when I export",
            "we're moving to another tool and need all our {os}",
        ],
        tickets=["We need it for the quarterly review", "Finance asked for a spreadsheet", "Our lawyers want a copy"],
    ),
    dict(
        intent="import_data",
        code=None,
        leaf="Import",
        titles=["{m}: importing {os} from other tools", "Moving existing data into {m}", "{m} import guide"],
        intros=[
            "{m} can start from data you already have.",
            "Bringing your old {os} into {m} takes a few minutes with the importer.",
            "Imports into {m} run in the background; you can keep working meanwhile.",
        ],
        closings=[
            "Files must be UTF-8 and under 50 MB; the Import wizard is under {path}.",
            "An import can be undone for 24 hours from the import history.",
            "Preview the first lines before you confirm, especially dates and names with accents.",
        ],
        specific=[
            (
                "Canvas imports boards from Miro and Mural backups and from SVG or PDF files, turning each page into "
                "a frame. Drag the file onto an empty board, or use Import in the board menu."
            ),
            (
                "Pages imports Markdown, Word documents and Confluence space exports. Images in Word files are kept; "
                'macros Pages does not know become plain text blocks marked "Unsupported macro".'
            ),
            (
                "Import a flow from a JSON definition exported from another workspace. Every step that needs a "
                'connection is marked "Connection needed", and the flow stays off until they are set.'
            ),
            (
                "Pulse does not import dashboards from other tools; connect the data instead. CSV files, Google "
                "Sheets and Grid tables become sources under Settings › Pulse › Data sources."
            ),
            (
                "Move files in by dragging folders onto the browser window or with the desktop app; folder structure "
                "is kept. Google Drive and Dropbox imports run in the background and e-mail you when done."
            ),
            (
                "Tracks imports cards from CSV and from Trello and Jira exports: columns, labels and due dates are "
                'mapped, people are matched by e-mail, and unmatched people become "Unknown assignee".'
            ),
            (
                "Upload MP4 or M4A recordings from other meeting tools to get transcripts and chapters. Imported "
                "recordings count toward your storage."
            ),
            (
                "Intake imports questions from another form tool's export, or from a text file with one question per "
                "line. Existing responses cannot be imported."
            ),
            (
                "Import past time entries from CSV with date, project, hours and person columns; dates must use the "
                "workspace's date format. Entries for archived projects are skipped with a warning."
            ),
            (
                "Atlas builds a roadmap from a CSV of initiatives with start and end dates, or from epics in a "
                "connected issue tracker. Dependencies can come in as a second CSV."
            ),
            (
                "Admins can import channel history from Slack exports; people are matched by e-mail, and messages "
                'from unknown people show as "Imported user". Reactions are kept and threads are flattened.'
            ),
            (
                "Grid creates a table from CSV or Excel; each column becomes a field whose type is guessed from the "
                "first 100 lines. Check date and number fields before you confirm."
            ),
        ],
        pool=[
            "?how do I import from a CSV",
            "we're switching from a competitor, can our old stuff come along",
            "the import fails",
            "accented characters turned into question marks after the import",
            "?can I undo an import",
            "bring our {os} over from another tool",
            "the importer doesn't recognise my columns",
            "import csv",
            "~migrating years of history",
            "?which file formats can I import",
            "half of the lines were skipped during the import",
            "I uploaded the wrong spreadsheet into the {o}",
            "import from excel",
            "the dates came in wrong after importing",
            "?is there a way to move everything from our old system",
            "the import wizard is stuck",
            "people show up as unknown after the import",
            "my file is messy, any tips for importing it",
            "migrate {os}",
            "?do comments come across when importing",
            "the imported {os} lost their formatting",
            "I pulled in data from another app and it's all in one column",
            "?can I import into an existing {o}",
            "the import keeps failing at the mapping step",
        ],
        tickets=[
            "We are moving from our old project tool",
            "The CSV came from Excel",
            "We have about ten years of data",
        ],
    ),
    dict(
        intent="guest_sharing",
        code=None,
        leaf="Sharing & guests",
        titles=[
            "{m}: sharing {os} with guests outside your company",
            "Working with clients and contractors in {m}",
            "{m}: public links and guest access",
        ],
        intros=[
            "People outside your organisation can work with you in {m} as guests.",
            "Sharing from {m} with clients, agencies or contractors does not require them to buy seats.",
            "There are two ways to show {os} to outsiders: invite them as guests, or share a link.",
        ],
        closings=[
            "Admins can turn guest access and public links off under {path}.",
            "{nova} workspaces can limit guests to approved e-mail domains.",
            "Guests see only what you share with them, never the rest of the workspace.",
        ],
        specific=[
            (
                "Share a board with a guest as Viewer, Commenter or Editor; guests do not see the other boards of "
                'the Room. For workshops, an "Open board link" lets anyone add sticky notes without an account for '
                "24 hours."
            ),
            (
                "Share › Publish creates a public read-only copy of a page on the web that updates when the page "
                "changes. Guests invited by e-mail can comment but cannot create pages."
            ),
            (
                "Flows cannot be shared with guests. To let someone outside the company start a flow, use an Intake "
                "form or a webhook as its trigger; guests can still receive the e-mails a flow sends."
            ),
            (
                "Share a dashboard with a client as a public link with a password, or embed it in another site. "
                "Public dashboards show data as of the last refresh and hide the filter panel."
            ),
            (
                "Share a file or folder with a link that expires after 7, 30 or 90 days, with an optional password "
                'and downloads turned off. Outsiders can also upload into a "File request" folder.'
            ),
            (
                "Guests on a board see only the cards assigned to them unless you share the whole board. On Orbit a "
                "guest can be on at most 5 boards."
            ),
            (
                "People without an account join a call from the invitation link and wait in the lobby until a host "
                "admits them. A recording is shared with a guest from its Share panel, as a view-only link."
            ),
            (
                "Forms are meant for outsiders: anyone with the link can answer a published form unless you restrict "
                "it to signed-in members. Guest reviewers can be added to read the responses."
            ),
            (
                "Contractors can be added as guests who log time to the projects you assign them; they do not see "
                "rates or other people's timesheets."
            ),
            (
                "Share a read-only view of a roadmap with a customer through Share › Presentation link, which hides "
                'initiatives marked "Internal only".'
            ),
            (
                "Invite people from another company to a shared channel; they keep their own workspace and see only "
                "that channel. Single-channel guests are free on Orbit."
            ),
            (
                "Share a view rather than the whole table: a shared view shows only its filtered lines and visible "
                "columns, so guests cannot see hidden data."
            ),
        ],
        pool=[
            "?how do I share a {o} with a client",
            "a freelancer needs to see one thing and nothing else",
            "my customer clicked the link and got a login screen",
            "share with someone outside the company",
            "?can people without an account see it",
            "invite guest",
            "the guest can't see what I shared",
            "public link",
            "?how do I stop guests from seeing everything",
            "our agency partner needs edit access",
            "I want to send a read-only link",
            "the shared link doesn't work for external people",
            "?can I password-protect a shared link",
            "external collaborator",
            "?how much do guests cost",
            "share a {o} with a contractor for a week",
            "the client sees more than they should",
            "guest access is turned off, how do I enable it",
            "give a supplier access to just one {o}",
            "?can outsiders comment without editing",
            "send it to a partner who has no account",
            "the invite e-mail never reached our client",
            "~external sharing",
            "?does the link expire",
        ],
        tickets=[
            "They are from our agency",
            "They do not have an account with us",
            "The client uses a different e-mail domain",
        ],
    ),
    dict(
        intent="notification_settings",
        code=None,
        leaf="Notifications",
        titles=[
            "{m}: choosing which notifications you get",
            "Too many or too few alerts from {m}",
            "{m} notifications, digests and quiet hours",
        ],
        intros=[
            "Beacon, the {p} notification centre, delivers the alerts that {m} sends.",
            "What {m} notifies you about, and where, is up to you.",
            "Each person sets their own {m} notifications; admins cannot turn them on for you.",
        ],
        closings=[
            "Choose e-mail, push or in-app delivery, or a daily digest, under {path}.",
            "Mentions always notify you unless Do Not Disturb is on.",
            "Notification changes take effect for new alerts only.",
        ],
        specific=[
            (
                "Canvas notifies you about comments on a board and mentions on sticky notes. During live workshops, "
                'turn on "Pause board notifications" so that fifty sticky notes do not send fifty alerts.'
            ),
            (
                "Watching a page sends an alert for every edit, and watching a space one for every new page. Switch "
                '"Watch" to "Mentions only" from the bell icon of the page.'
            ),
            (
                'The owner of a flow is notified when a run fails. Choose "Every failure" or "First failure per '
                'hour" under Settings › Flows › Run alerts, or send failures to a Threads channel instead.'
            ),
            (
                "Pulse alerts when a metric crosses a threshold you set on a widget; each alert has its own "
                "recipients and a quiet period so it repeats at most once an hour."
            ),
            (
                'Folder owners are told when files are added, changed, or downloaded by guests. Turn off "Download '
                'receipts" for busy shared folders.'
            ),
            (
                "You are notified when a card is assigned to you, a due date approaches or a card you follow moves. "
                "Stop following a card from its bell icon; due-date reminders are set under Settings › Tracks › "
                "Reminders."
            ),
            (
                "Huddle sends a reminder 10 minutes before a call and an e-mail when a recording is ready. Turn off "
                '"Recording ready" e-mails if you record every meeting.'
            ),
            (
                "Intake can e-mail you on every new response or once a day with a summary. On a busy form, switch to "
                "the daily summary in the form's Notifications tab."
            ),
            (
                "Ledger reminds you on Friday afternoon to submit your timesheet and tells managers when timesheets "
                "wait for approval. Change the day or turn reminders off under Settings › Ledger › Reminders."
            ),
            (
                'Initiative owners are notified when a dependency slips. Limit this to "Slips over one week" to '
                "avoid alerts for small date changes."
            ),
            (
                "Direct messages and mentions send push notifications, while channels are muted by default. A "
                '"Notification schedule" under Settings › Threads keeps your phone quiet at night.'
            ),
            (
                'Grid notifies you when a line matches a condition, for example a status changed to "Blocked". Each '
                "rule lives under the table's Automations › Notify, and rules owned by people who left keep running "
                "until an admin removes them."
            ),
        ],
        pool=[
            "too many notifications",
            "my inbox is flooded every time someone touches anything",
            "?how do I stop these e-mails",
            "my phone buzzes all night",
            "I never hear about it when someone mentions me",
            "mute notifications",
            "?can I get a daily summary instead",
            "I get notifications for a {o} I don't care about",
            "I stopped getting alerts",
            "turn off push notifications",
            "Beacon is way too chatty",
            "the reminder comes on the wrong day",
            "?how do I only get notified for mentions",
            "~hundreds of e-mails a day",
            "I missed an important update because no alert came",
            "unsubscribe from a {o}",
            "notification settings",
            "?why do I get alerts for things I'm not part of",
            "quiet hours",
            "every small change sends me an e-mail",
            "the alerts go to the wrong person",
            "?can I send alerts to a channel instead of e-mail",
            "I get the same alert over and over",
            "stop notifications at night",
        ],
        tickets=[
            "My mailbox has a folder just for Orbitly alerts",
            "I missed an important update last week",
            "My phone woke me up at 3am",
        ],
    ),
    dict(
        intent="plan_upgrade",
        code="E-402",
        leaf="Plan & billing",
        titles=[
            '{m}: {code} "Upgrade required" for {premium}',
            "Which plan includes {premium}?",
            "{m} on the free {spark} plan: limits and upgrades",
        ],
        intros=[
            "{code} appears when you use a {m} feature your plan does not include.",
            "{m} is available on every plan, but not every feature of it.",
            "{p} has three plans: {spark} (free), {orbit} and {nova}.",
        ],
        closings=[
            "An owner can change the plan under {path}; the price is prorated for the rest of the billing period.",
            "A 14-day {orbit} trial unlocks everything without a payment card.",
            "Downgrading never deletes data; features above the plan become read-only.",
        ],
        specific=[
            (
                "Infinite zoom and shape libraries need Orbit or Nova; on Spark a board holds at most 3 frames and "
                'shows "Frame limit reached". Existing boards stay readable after a downgrade.'
            ),
            (
                "Page analytics, which shows who read a page and for how long, is part of Orbit and Nova. Spark "
                "workspaces are also limited to 100 pages."
            ),
            (
                "Spark includes single-step flows and 500 runs a month. Multi-step flows and branches need Orbit, "
                'and when the monthly runs are used up, flows pause with "Run quota reached".'
            ),
            (
                "Scheduled dashboard e-mails and more than 5 dashboards per workspace need Orbit, and Spark "
                "dashboards refresh only once an hour."
            ),
            (
                "Spark includes 5 GB of storage per workspace; version-locked files and more storage need Orbit (1 "
                'TB) or Nova (unlimited). When storage is full, uploads fail with "Storage full — upgrade to add '
                'files".'
            ),
            (
                "Swimlanes, WIP limits and more than 3 boards need Orbit. On Spark these settings are visible but "
                "greyed out with a lock icon."
            ),
            (
                "Spark calls are limited to 40 minutes and 10 people, and cloud recording needs Orbit. A countdown "
                "appears 5 minutes before the limit."
            ),
            (
                "Conditional questions, file-upload questions and more than 100 responses a month need Orbit. On "
                "Spark, responses past the limit are kept but hidden until you upgrade."
            ),
            "Billable-rate reports and invoicing need Orbit, and Spark tracks time for up to 5 people.",
            "Cross-team dependencies need Nova; Orbit includes single-team roadmaps with up to 50 initiatives.",
            (
                "Spark shows the last 90 days of messages; older ones are hidden, not deleted, and reappear with "
                "unlimited message history on Orbit."
            ),
            (
                "Formula columns and tables over 1,000 lines need Orbit. Formulas added during a trial keep their "
                "values but stop recalculating when the trial ends."
            ),
        ],
        pool=[
            "~{code} upgrade required",
            "?is {premium} a paid feature",
            "a purple upgrade button appeared",
            "our trial ended and now things are locked",
            "?which plan do I need for {premium}",
            "feature greyed out with a lock icon",
            "~{premium} not available",
            "?how much does it cost to unlock {premium}",
            "upgrade",
            "?do I have to pay for {premium}",
            "we hit the limit of the free plan",
            "it says I need Orbit",
            "?what's the difference between Spark and Orbit",
            "limit reached on the free tier",
            "half the features vanished after the trial",
            "{code} when I try to use {premium}",
            "?can we get {premium} without upgrading everyone",
            "~pricing for {premium}",
            "we're a nonprofit on the free plan and need {premium}",
            "my boss approved the upgrade, how do I change plan",
            "?will I lose anything if I downgrade",
            "~payment required error",
            "the free version stops me after a few",
            "?is there a discount for upgrading mid-year",
        ],
        tickets=[
            "We are a small nonprofit on the free tier",
            "Our trial ended on Monday",
            "Our budget for tools is approved in January",
        ],
    ),
    dict(
        intent="integration_setup",
        code=None,
        leaf="Integrations",
        titles=["{m}: connecting other apps", "Integrations for {m}", "{m}: setting up and repairing app connections"],
        intros=[
            "{m} works with the tools your team already uses.",
            "Each integration of {m} is set up once by one member and then works for everyone.",
            "Connecting {m} to another app takes a sign-in to that app and a few choices.",
        ],
        closings=[
            "Connections are managed under {path}.",
            "Tokens from other apps expire after 90 days; reconnect when a connection shows as expired.",
            "If the member who set up a connection leaves, another member must reconnect it.",
        ],
        specific=[
            (
                "Canvas connects to Figma, so frames can embed live Figma files, and to Slack, which posts a board "
                "snapshot to a channel. Set them up under Settings › Canvas › Apps."
            ),
            (
                "Pages unfurls page links in Slack and Microsoft Teams and syncs README files from GitHub into a "
                "page every hour."
            ),
            (
                "Flows has connectors for Slack, Google Calendar, GitHub, Salesforce and webhooks. Each needs a "
                'connection authorized by one member; when that member leaves, the flow shows "Connection owner '
                'deactivated".'
            ),
            (
                "Pulse reads Grid, Ledger and Tracks data directly, and Google Sheets, PostgreSQL and BigQuery "
                "through connectors. Database connectors need Orbitly's addresses on your IP allow-list."
            ),
            (
                "The desktop app mounts Vault as a drive on Windows and macOS, and Vault appears in the Slack and "
                "Microsoft Teams file pickers. The Google Drive connector is read-only."
            ),
            (
                "Link cards to GitHub pull requests by putting the card key in the branch name; the card moves to "
                "Done when the pull request is merged. The mapping is set under Settings › Tracks › GitHub."
            ),
            (
                "The calendar add-on adds Huddle links to Google Calendar and Outlook events, and /huddle starts a "
                'call from Slack. Calendar sync needs the "Huddle for Calendar" permission.'
            ),
            (
                "Send each new response to Slack, to a Grid table or to a webhook. Zapier and Make can also read "
                "responses through the Intake trigger."
            ),
            (
                "Ledger sends approved time to QuickBooks and Xero, and a Google Calendar connection suggests time "
                "entries from your meetings."
            ),
            (
                "Atlas syncs initiatives with epics in Jira and GitHub Projects; the sync is two-way for dates and "
                "one-way for titles. Choose the direction under Settings › Atlas › Issue trackers."
            ),
            (
                "Threads bridges channels with Slack and Microsoft Teams so people in either tool see the same "
                "messages. Bridged channels do not carry files over 100 MB."
            ),
            (
                "Grid syncs tables with Google Sheets and Airtable, and its webhooks fire when a line changes. A "
                "table synced one-way is read-only in Grid."
            ),
        ],
        pool=[
            "?how do I connect this to Slack",
            "our channel stopped getting messages",
            "link with Google Calendar",
            "the GitHub integration broke",
            "?is there a Microsoft Teams integration",
            "hook it up to our chat app",
            "the integration stopped working after 90 days",
            "connect to Jira",
            "the connection shows as disconnected",
            "?how do I reconnect an expired integration",
            "I want my calendar events next to the {o}",
            "Slack integration",
            "set up a webhook",
            "the app connection belongs to someone who left",
            "?which apps can I connect",
            "nothing syncs from our other tool anymore",
            "authorize integration",
            "?can I connect our database",
            "the integration posts to the wrong channel",
            "zapier",
            "sync with Google Sheets",
            "the integration asks me to sign in again every day",
            "?does it work with Outlook",
            "connect to our accounting software",
        ],
        tickets=[
            "It worked until last month",
            "We use Slack for everything",
            "Our IT team approves every app we connect",
        ],
    ),
    dict(
        intent="offline_mobile",
        code=None,
        leaf="Mobile & offline",
        titles=[
            "{m}: using {os} offline on the mobile app",
            "{m} on your phone without a connection",
            "{m} mobile app: offline mode and syncing",
        ],
        intros=[
            "The {p} app for iOS and Android handles {m} differently when there is no connection.",
            "Not everything in {m} works offline; here is what does.",
            "When your phone loses its connection, {m} keeps what it can and syncs later.",
        ],
        closings=[
            "Turn offline mode on under {path}; Relay syncs your changes when you are back online.",
            "Offline copies count against the phone's storage, not your workspace's.",
            "Log out only after the app shows that everything has synced, or offline changes are lost.",
        ],
        specific=[
            (
                "Starred boards open offline in view mode; you can add sticky notes, but moving frames needs a "
                "connection. Pencil input on iPad works offline."
            ),
            (
                "Starred pages and their images are downloaded for offline reading; edits made offline are saved as "
                "a draft and merged when you reconnect."
            ),
            (
                "Flows never run on the phone, so nothing about them works offline; with a connection the app shows "
                "run history and lets you turn flows on or off."
            ),
            (
                'Dashboards are shown offline as the snapshot of the last refresh, marked "Offline — data as of" '
                "with the time. Filters cannot be changed offline."
            ),
            (
                'Mark files "Available offline" to keep a copy on the phone, up to 2 GB by default; the limit is '
                "under Settings › Vault › Offline storage."
            ),
            (
                "Cards of starred boards can be moved and edited offline; moves are replayed in order when the phone "
                "reconnects, and a card moved by someone else meanwhile shows a conflict."
            ),
            "Calls need a connection, but downloaded recordings and transcripts can be watched offline.",
            (
                "The app can collect form responses offline, for example at an event; they are stored on the device "
                "and uploaded when it reconnects."
            ),
            (
                "The phone timer keeps running offline and stores entries locally until they sync. If the phone's "
                "clock is wrong, entries may land on the wrong day."
            ),
            "Starred roadmaps can be viewed offline but not edited: the mobile app is read-only for Atlas.",
            (
                "Messages written offline are queued with a clock icon and sent when the phone reconnects. The last "
                "30 days of starred channels are kept on the phone."
            ),
            (
                "Starred tables of up to 5,000 lines are available offline, and edits sync cell by cell when you "
                "reconnect."
            ),
        ],
        pool=[
            "?can I use it offline",
            "the phone app shows an empty screen in the subway",
            "what I changed on my iPhone never showed up on my laptop",
            "no internet on the plane and I need the {o}",
            "offline mode",
            "?does the Android app work without a connection",
            "edits made offline disappeared",
            "I'm travelling with no signal for a week",
            "the mobile app is not syncing",
            "?how do I make a {o} available offline",
            "the app says I'm offline and won't let me edit",
            "my tablet shows old data",
            "offline",
            "my phone is full because of offline files",
            "?can I work on the {o} from my phone without wifi",
            "changes made in the field never arrive",
            "iPad offline",
            "the mobile app only shows some of my {os}",
            "I lost what I did on my phone while offline",
            "?what works offline and what doesn't",
            "no signal at the event, I need to keep working",
            "the phone app is read-only",
            "syncing after being offline takes ages",
            "~download for offline use",
        ],
        tickets=["I travel a lot", "I use an iPhone 14", "Our field staff work in areas with bad coverage"],
    ),
    dict(
        intent="version_history",
        code=None,
        leaf="Version history",
        titles=[
            "{m}: viewing the version history of a {o}",
            "Who changed this {o}? History in {m}",
            "{m}: going back to an earlier version",
        ],
        intros=[
            "{m} records changes so you can see who did what, and when.",
            "Every {o} in {m} has a history you can browse and restore from.",
            "Changes in {m} are never final: earlier versions stay available for a while.",
        ],
        closings=[
            "History is kept 30 days on {spark}, 1 year on {orbit} and forever on {nova}; see {path}.",
            "Restoring an old version keeps the current one as a version too.",
            "Admins can export the history for audits.",
        ],
        specific=[
            (
                "Canvas saves a snapshot of a board every 10 minutes while people edit it, and you can name a "
                "snapshot before a workshop. Restoring a snapshot replaces the whole board."
            ),
            (
                "Every published version of a page is kept, and changes are shown word by word in green and red. "
                "Restore a version or copy text out of it."
            ),
            (
                "Each time a flow is turned on after an edit, a version is stored, and every run records the version "
                "it used. Compare two versions side by side to see changed steps."
            ),
            (
                "Pulse keeps versions of a dashboard's layout and widget settings, not of the data; use the date "
                "filter to see past values."
            ),
            (
                "Vault keeps up to 100 versions per file, unlimited on Nova. Uploading a file with the same name "
                'creates a version, and "Pin version" keeps one forever.'
            ),
            (
                "A card's activity log lists every move, assignment and edit; the board's history is under Board "
                "menu › Activity and can be filtered by person."
            ),
            (
                "Transcripts keep an edit history, so you can see who corrected a line; the recording itself never "
                "changes."
            ),
            (
                "Every published version of a form is kept, and each response is linked to the version it answered; "
                "compare versions in the form's History tab."
            ),
            (
                "Ledger keeps an audit log of changes to time entries after submission, with the old and new hours "
                "and who approved them; the log cannot be edited."
            ),
            (
                '"Time travel" in the view menu shows a roadmap as it was on any date, and a baseline can be '
                "compared with the current plan."
            ),
            "Edited messages keep their edit history, visible to admins on Nova; deleted messages do not appear in it.",
            (
                "Grid keeps the history of every cell: open a line's history to see old values, or restore the whole "
                "table to a point in time from Table menu › Version history."
            ),
        ],
        pool=[
            "?how do I see who changed the {o}",
            "someone messed up the {o} on Tuesday and I want Monday's state back",
            "version history",
            "go back to an older version",
            "?can I compare two versions",
            "audit trail",
            "find out which colleague edited it",
            "roll back to how it looked before the meeting",
            "?how far back does history go",
            "undo changes from last week",
            "the history only shows a few days",
            "who changed this",
            "?can I restore just one part of an old version",
            "the numbers changed and nobody knows why",
            "previous version",
            "I need a record of changes for compliance",
            "?where is the history button",
            "restore an earlier version of the {o}",
            "someone overwrote the {o} a while ago",
            "change log",
            "?is there a way to see edits by one person",
            "the history is empty",
            "I want the state from before the workshop",
            "?does restoring an old version delete the current one",
        ],
        tickets=[
            "Somebody changed the numbers",
            "We need to know who made the change",
            "Our auditors ask for this every year",
        ],
    ),
    dict(
        intent="templates",
        code=None,
        leaf="Templates",
        titles=[
            "{m}: duplicating {os} and saving them as templates",
            "Reusing {os} in {m}",
            "{m} templates and copies",
        ],
        intros=[
            "Work you repeat in {m} can start from a copy or a template.",
            "Templates save your team from rebuilding the same {o} every time.",
            "{m} lets you duplicate a single {o} or turn it into a template for everyone.",
        ],
        closings=[
            "Team templates live under {path}; on {orbit} and {nova} admins can lock them.",
            "A copy is independent: changing it never changes the original.",
            "Templates made by people who leave stay available to the team.",
        ],
        specific=[
            (
                "Canvas ships templates for retrospectives, brainstorms and user-story maps. Save your own board as "
                "a template from the board menu; sticky-note text can be cleared automatically in new boards."
            ),
            (
                "Turn a page into a template with page menu › Save as template; placeholders such as [date] are "
                "filled in when someone creates a page from it."
            ),
            (
                'Start from a flow template such as "Notify channel on new form response". Templates you save keep '
                "their steps but not their connections."
            ),
            (
                "Save a dashboard as a template to reuse its layout with another data source; after choosing the "
                "template you map each widget to a field of the new source."
            ),
            (
                "Create a folder template with subfolders and permissions, for example one per client, and apply it "
                "from New › From template."
            ),
            (
                "A board template keeps columns, labels, swimlanes and automation rules, and card templates pre-fill "
                "checklists for recurring tasks."
            ),
            (
                "Meeting templates set an agenda, recording on or off, and who can share their screen; pick one when "
                "you schedule a call."
            ),
            (
                "Duplicate a form with its logic from the form menu › Duplicate; responses are not copied. Save it "
                "as a template to share it with your team."
            ),
            (
                'Copy last week\'s timesheet with "Copy previous week", or save a recurring set of projects and hours '
                "as a timesheet template."
            ),
            (
                "Create a roadmap from a template with quarters, swimlanes and standard initiative fields; a "
                "duplicated roadmap keeps dependencies only between copied initiatives."
            ),
            (
                "Channel templates set a topic, pinned messages and bots for new channels, and message templates "
                "help with recurring announcements."
            ),
            (
                "Duplicate a table with or without its lines, or save it as a template that keeps fields, views and "
                "formulas."
            ),
        ],
        pool=[
            "?how do I duplicate a {o}",
            "I build the same {o} every Monday from scratch",
            "save as template",
            "I want a starting point everybody can reuse",
            "clone it for next quarter",
            "stop teammates from changing our standard layout",
            "copy {o}",
            "?where are the templates",
            "make a copy with the same setup but no content",
            "the template doesn't keep my settings",
            "share a template with the whole team",
            "template",
            "?can I make a {o} from a template",
            "we repeat the same setup for every client",
            "duplicate without the data",
            "the copy lost its connections",
            "?can I lock a template so only admins edit it",
            "reuse last week's {o}",
            "~our company standard {o}",
            "?are there ready-made templates",
            "copying takes all the old content with it",
            "template gallery",
            "?how do I delete an old template",
            "make this the default for new {os}",
        ],
        tickets=[
            "Each new client gets an identical structure from us",
            "Every project starts the same way",
            "New hires keep building things their own way",
        ],
    ),
]

# Wrappers by register. {s}/{S}: the symptom (lower/capitalised first letter), {q}: "?" or ".",
# {r}/{R}: a reference to the module ("Canvas", "the whiteboard", "our boards"...), {c}: a context
# sentence. A leading "!" marks a wrapper that only fits statements, not questions; wrappers
# without {r} are used only when the symptom or a quote already points at the module. In the
# symptom pools, a leading "~" (or three words or fewer) marks a keyword-like phrase, which is
# used only with the terse and plain registers.
# The script splits every register's list in two disjoint halves: one for train, one for dev/test.
WRAPPERS = {
    "terse": [
        "{r} {s}",
        "{s} {r}",
        "{r}: {s}",
        "{s} - {r}",
        "{r} / {s}",
        "{s} ({r})",
        "{s}",
        "{r} issue: {s}",
        "{s}, {r}",
        "re {r}: {s}",
        "{r} -> {s}",
        "{s} in {r}",
    ],
    "plain": [
        "{S}{q} This is in {r}.",
        "In {r}, {s}{q}",
        "{S}{q} (using {r})",
        "About {r}: {s}{q}",
        "!{S} in {r}.",
        "Problem with {r}: {s}{q}",
        "{S}{q} It's about {r}.",
        "Question about {r} - {s}{q}",
        "{S}{q}",
        "{R}: {s}{q}",
        "!{S}, in {r} if that matters.",
        "{S}{q} We see it in {r}.",
    ],
    "polite": [
        "Hello, {s}{q} This concerns {r}. Thanks in advance!",
        "Hi there, hoping you can help: {s}{q} ({r})",
        "Good morning. {S}{q} It's in {r}. Many thanks.",
        "Hi support team, quick one about {r}: {s}{q} Thank you!",
        "Could you help me with {r}? {S}{q}",
        "Dear Orbitly team, {s}{q} This is about {r}. Kind regards",
        "Hi! Sorry to bother you, but {s}{q} ({r})",
        "Hello, I hope someone can point me in the right direction. {S}{q} We use {r}.",
        "Hi, {s}{q} I'm working in {r}. Any advice would be appreciated.",
        "Thanks for any help with this one: {s}{q} ({r})",
        "Hello! {S}{q} Thank you.",
        "Hi, a question on {r} if you have a minute: {s}{q}",
    ],
    "angry": [
        "{S}{q} {R} is unusable right now.",
        "Seriously, {s}{q} Fix {r} please.",
        "Third time this week: {s}{q} ({r})",
        "{S}{q} This is ridiculous, we pay for {r}.",
        "Why is this so hard? {S}{q} ({r})",
        "{R} again. {S}{q} I need this fixed today.",
        "Come on. {S}{q} This is in {r}.",
        "{S}{q} Nobody on my team can work in {r}. Urgent!",
        "Very frustrated: {s}{q} ({r})",
        "Ok this is getting annoying. {S}{q} {R}.",
        "{S}{q} Not acceptable.",
        "Still waiting on an answer: {s}{q} ({r})",
    ],
    "nonnative": [
        "Hello, I have problem with {r}: {s}{q} Please help.",
        "Please, {s}{q} It is in {r}. How to solve?",
        "!Hi, in {r} {s}. What I must do?",
        "!Dear support, we have the issue that {s} ({r}). Thank you for support.",
        "Good day, {s}{q} This is happening in {r}.",
        "Hello team, {s}{q} Is it possible to fix? We use {r}.",
        "!Kindly help, {s} in {r}.",
        "Hi, my problem is in {r}: {s}{q} Can you check please?",
        "Hello, {s}{q} I am using {r} since long time.",
        "Please advise, {s}{q} ({r})",
        "!Hello, I want to tell that {s}. It is {r}.",
        "Hi, please {s}{q} For {r}.",
    ],
    "context": [
        "{C} {S}{q} This is in {r}.",
        "{S}{q} {C} We use {r} every day.",
        "{C} {R}: {s}{q}",
        "I'm the admin of our workspace. {S}{q} ({r}) {C}",
        "{S}{q} {C} ({r})",
        "{C} In {r}, {s}{q} What should I check first?",
        "{R} question. {C} {S}{q}",
        "{S}{q} {C}",
        "Some background: {C} {S}{q} It's in {r}.",
        "{S}{q} {C} Happens in {r}.",
        "{C} {S}{q} Any ideas? ({r})",
        "{S} in {r}{q} {C}",
    ],
}
STYLE_WEIGHTS = {"terse": 0.22, "plain": 0.22, "polite": 0.16, "angry": 0.1, "nonnative": 0.12, "context": 0.18}

CONTEXTS = [
    "We switched to Orbitly last month.",
    "We're on the Orbit plan.",
    "This started after the last update.",
    "I already logged out and back in.",
    "It's the same in Chrome and Firefox.",
    "I'm on the desktop app for Mac.",
    "Two of my colleagues see the same thing.",
    "It worked fine until yesterday.",
    "I'm an admin on a Nova workspace.",
    "We're a team of twelve on the free plan.",
    "I'm using the Android app.",
    "Our IT department locks down browser extensions.",
    "It's only me, the rest of the team is fine.",
    "We have a client demo tomorrow.",
    "This is for a project due Friday.",
    "I've cleared the cache twice.",
    "We have about 80 people in the workspace.",
    "I'm new to Orbitly.",
    "Our company runs everything on Windows laptops.",
    "It happens every time, not just once.",
    "We set this up years ago and never touched it.",
    "I tried on my phone as well.",
    "Our workspace is on the Spark plan for now.",
    "My colleague in Berlin has the same problem.",
]
QUOTE_FORMS = [
    'It says "{x}".',
    'The message is "{x}".',
    'I see "{x}".',
    'Error text: "{x}".',
    'It shows "{x}".',
    'Getting "{x}".',
    'Message: "{x}".',
    'There is a note "{x}".',
]

TICKET_OPENERS = [
    "Hello,",
    "Hi support,",
    "Good morning,",
    "Hey there,",
    "Dear Orbitly team,",
    "Hi,",
    "Hello support team,",
    "Good afternoon,",
]
TICKET_CLOSERS = [
    "Thanks.",
    "Best regards.",
    "Thanks in advance.",
    "Please advise.",
    "Cheers.",
    "Let me know what to do.",
    "Thank you for your help.",
    "Kind regards.",
]


SEED = 8
HERE = Path(__file__).resolve().parent
TRAIN_PER_ARTICLE = 5
EVAL_PER_ARTICLE = 2  # per article, in dev and in test each
N_TICKETS = 1600
TRAIN_SHARE = 14 / 24  # share of each intent's symptom pool (and of each register's wrappers) kept for training
MAX_CROSS_SPLIT_COSINE = 0.90
REF_KINDS = (("name", 0.18), ("alias", 0.40), ("object", 0.22), ("none", 0.20))
P_QUOTE = 0.08
P_TYPO = 0.05
KEYWORD_STYLES = ("terse", "plain")


def _module(name: str) -> tuple:
    return MODULES[MODULE_NAMES.index(name)]


def _intent(name: str) -> dict:
    return next(i for i in INTENTS if i["intent"] == name)


def _fill(template: str, module: tuple, intent: dict) -> str:
    """Fill the slots of ``template`` for one module and intent (plain replacement: braces elsewhere stay)."""
    name, (obj, objs), _aliases, premium = module
    slots = {
        "{m}": name,
        "{os}": objs,
        "{o}": obj,
        "{code}": intent["code"] or "",
        "{premium}": premium,
        "{path}": f"Settings › {name} › {intent['leaf']}",
        "{p}": PRODUCT,
        "{spark}": PLANS["free"],
        "{orbit}": PLANS["team"],
        "{nova}": PLANS["enterprise"],
    }
    for slot, value in slots.items():
        template = template.replace(slot, value)
    return template


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _weighted(rng: random.Random, pairs) -> str:
    x, acc = rng.random(), 0.0
    for value, weight in pairs:
        acc += weight
        if x < acc:
            return value
    return pairs[-1][0]


def _split(items: list, rng: random.Random, share: float) -> tuple[list, list]:
    """Split ``items`` into two disjoint lists (a seeded shuffle of the sorted items)."""
    order = sorted(items)
    rng.shuffle(order)
    k = round(len(order) * share)
    return sorted(order[:k]), sorted(order[k:])


# ---------------------------------------------------------------- articles


def build_articles() -> list[dict]:
    """Return the 180 articles, one per (intent, module): ids KB-<intent 01..15><module 01..12>."""
    articles = []
    for ii, intent in enumerate(INTENTS):
        for mi, module in enumerate(MODULES):
            # the title, intro and closing variants rotate with the module, so neighbours differ
            title = _fill(intent["titles"][mi % 3], module, intent)
            intro = _fill(intent["intros"][(mi + ii) % 3], module, intent)
            closing = _fill(intent["closings"][(mi // 3 + ii) % 3], module, intent)
            body = f"{intro} {_fill(intent['specific'][mi], module, intent)} {closing}"
            articles.append(
                {
                    "article_id": f"KB-{ii + 1:02d}{mi + 1:02d}",
                    "title": title,
                    "body": body,
                    "intent": intent["intent"],
                    "module": module[0],
                }
            )
    return articles


# ---------------------------------------------------------------- queries


def _quotes(article: dict) -> list[str]:
    """UI texts quoted in the article (what a customer might copy into a message)."""
    return [q for q in re.findall(r'"([^"]+)"', article["body"]) if len(q) > 10]


def _typo(text: str, rng: random.Random) -> str:
    """Swap two inner letters of one longer word outside quotes (a sparing, realistic typo)."""
    if '"' in text:
        return text
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 5]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _ref(kind: str, module: tuple, rng: random.Random, terse: bool) -> str:
    name, (_obj, objs), aliases, _premium = module
    alias = rng.choice(aliases)
    if kind == "name":
        return name if terse or rng.random() < 0.8 else f"{PRODUCT} {name}"
    if kind == "alias":
        return alias if terse else f"{rng.choice(['the', 'our', 'the', 'my'])} {alias}"
    if kind == "object":
        return objs if terse else rng.choice([f"the {objs}", f"our {objs}"])
    return ""


def render_query(symptom: str, article: dict, wrappers: dict, contexts: list, rng: random.Random) -> str:
    """Write one customer message: a symptom, a register's wrapper, a module reference, maybe a quote or typo."""
    module, intent = _module(article["module"]), _intent(article["intent"])
    question = symptom.startswith("?")
    keyword = symptom.startswith("~") or (not question and len(symptom.split()) <= 3)
    s = _fill(symptom.lstrip("?~"), module, intent)
    styles = [(k, w) for k, w in STYLE_WEIGHTS.items() if k in wrappers and (k in KEYWORD_STYLES or not keyword)]
    style = _weighted(rng, [(k, w / sum(w for _, w in styles)) for k, w in styles])
    terse = style == "terse"
    kind = _weighted(rng, REF_KINDS)
    if kind == "object" and "{o" in symptom:  # the symptom names the object already
        kind = "none"
    quotes = _quotes(article)
    quote = (
        rng.choice(quotes) if quotes and (rng.random() < P_QUOTE or (kind == "none" and "{o" not in symptom)) else None
    )
    if kind == "none" and "{o" not in symptom and quote is None:
        kind = "object"
    options = [w for w in wrappers[style] if not (question and w.startswith("!"))]
    if kind == "none":
        options = [w for w in options if "{r}" not in w and "{R}" not in w] or options
        if any("{r}" in w or "{R}" in w for w in options):
            kind = "object"
    else:
        options = [w for w in options if "{r}" in w or "{R}" in w]
    wrapper = rng.choice(options).lstrip("!")
    r = _ref(kind, module, rng, terse)
    c = rng.choice(contexts)
    if quote:  # the quoted UI text follows the symptom's sentence, or ends the message
        said = f' "{quote}"' if terse else " " + rng.choice(QUOTE_FORMS).replace("{x}", quote)
        wrapper = wrapper.replace("{q}", "{q}" + said, 1) if "{q}" in wrapper else wrapper + said
    text = (
        wrapper.replace("{S}", _cap(s))
        .replace("{s}", s)
        .replace("{q}", "?" if question else ".")
        .replace("{R}", _cap(r))
        .replace("{r}", r)
        .replace("{C}", c)
        .replace("{c}", c)
    )
    if rng.random() < P_TYPO:
        text = _typo(text, rng)
    return " ".join(_cap(text).split())


def build_train(articles, pools, wrappers, contexts, rng) -> list[dict]:
    out, seen = [], set()
    for article in articles:
        symptoms = rng.sample(pools[article["intent"]], TRAIN_PER_ARTICLE)
        for symptom in symptoms:
            text = render_query(symptom, article, wrappers, contexts, rng)
            while text.lower() in seen:
                text = render_query(symptom, article, wrappers, contexts, rng)
            seen.add(text.lower())
            out.append({"query": text, "article_id": article["article_id"]})
    return out


def eval_candidates(articles, pools, wrappers, contexts, rng, taken: set) -> dict[str, list[str]]:
    """Per article, one candidate query per dev/test symptom (in a seeded order), none equal to a text in ``taken``."""
    out = {}
    for article in articles:
        symptoms = rng.sample(pools[article["intent"]], len(pools[article["intent"]]))
        texts = []
        for symptom in symptoms:
            text = render_query(symptom, article, wrappers, contexts, rng)
            for _ in range(20):
                if text.lower() not in taken:
                    break
                text = render_query(symptom, article, wrappers, contexts, rng)
            if text.lower() not in taken:
                taken.add(text.lower())
                texts.append(text)
        out[article["article_id"]] = texts
    return out


def with_ids(rows: list[dict], prefix: str, rng: random.Random) -> list[dict]:
    rows = list(rows)
    rng.shuffle(rows)
    return [
        {"query_id": f"{prefix}-{i:04d}", "query": r["query"], "article_id": r["article_id"]}
        for i, r in enumerate(rows)
    ]


# ---------------------------------------------------------------- tickets


def build_tickets(pools, wrappers, contexts, rng: random.Random, n: int) -> list[str]:
    """Return ``n`` distinct unlabeled e-mail-like tickets, from training symptoms, wrappers and contexts only."""
    tickets, seen = [], set()
    while len(tickets) < n:
        intent = rng.choice(INTENTS)
        module = rng.choice(MODULES)
        fake_article = {"intent": intent["intent"], "module": module[0], "body": ""}
        x = rng.random()
        if x < 0.55:
            prose = {k: v for k, v in wrappers.items() if k != "terse"}  # tickets are written as e-mails
            body = render_query(rng.choice(pools[intent["intent"]]), fake_article, prose, contexts, rng)
            greeted = body.split(" ", 1)[0].strip(",.!").lower() in {"hi", "hello", "dear", "good", "please", "kindly"}
            parts = [body] if greeted else [rng.choice(TICKET_OPENERS), body]
            if rng.random() < 0.4:
                parts.append(rng.choice(contexts))
            parts.append(rng.choice(TICKET_CLOSERS))
        elif x < 0.8:
            line = _fill(rng.choice(intent["tickets"]), module, intent)
            parts = [rng.choice(TICKET_OPENERS), f"{line} (this is about {module[0]}).", rng.choice(contexts)]
        else:
            a, b = rng.sample(contexts, 2)
            parts = [a, f"We use {module[0]} every day.", b]
        text = " ".join(parts)
        if text not in seen:
            seen.add(text)
            tickets.append(text)
    return tickets


# ---------------------------------------------------------------- checks and output


def max_cosine_to(train_texts: list[str], texts: list[str], model):
    """For each text, its highest cosine similarity to any training query (all-MiniLM-L6-v2)."""
    a = model.encode(texts, normalize_embeddings=True, batch_size=128)  # (n, 384)
    b = model.encode(train_texts, normalize_embeddings=True, batch_size=128)  # (n_train, 384)
    return (a @ b.T).max(axis=1)


def write_jsonl(path: Path, rows: list) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(out_dir: Path = HERE) -> None:
    from course_utils import load_model

    split_rng = random.Random(SEED)
    train_pools, eval_pools = {}, {}
    for intent in INTENTS:
        train_pools[intent["intent"]], eval_pools[intent["intent"]] = _split(intent["pool"], split_rng, TRAIN_SHARE)
    train_wrappers, eval_wrappers = {}, {}
    for style in sorted(WRAPPERS):
        train_wrappers[style], eval_wrappers[style] = _split(WRAPPERS[style], split_rng, 0.5)
    train_contexts, eval_contexts = _split(CONTEXTS, split_rng, 0.5)

    articles = build_articles()
    train = build_train(articles, train_pools, train_wrappers, train_contexts, random.Random(SEED + 1))
    taken = {q["query"].lower() for q in train}
    candidates = eval_candidates(articles, eval_pools, eval_wrappers, eval_contexts, random.Random(SEED + 2), taken)

    model = load_model()
    ids = [a["article_id"] for a in articles]
    flat = [(aid, t) for aid in ids for t in candidates[aid]]
    sims = max_cosine_to([q["query"] for q in train], [t for _, t in flat], model)
    kept: dict[str, list[tuple[str, float]]] = {aid: [] for aid in ids}
    for (aid, text), sim in zip(flat, sims, strict=True):
        if sim <= MAX_CROSS_SPLIT_COSINE:
            kept[aid].append((text, float(sim)))
    dropped = int((sims > MAX_CROSS_SPLIT_COSINE).sum())
    test, dev, used = [], [], []
    for aid in ids:
        if len(kept[aid]) < 2 * EVAL_PER_ARTICLE:
            raise RuntimeError(f"{aid}: only {len(kept[aid])} dev/test candidates left after the filter")
        chosen = kept[aid][: 2 * EVAL_PER_ARTICLE]  # candidates alternate: test, dev, test, dev
        test += [{"query": t, "article_id": aid} for t, _ in chosen[0::2]]
        dev += [{"query": t, "article_id": aid} for t, _ in chosen[1::2]]
        used += [s for _, s in chosen]
    tickets = build_tickets(train_pools, train_wrappers, train_contexts, random.Random(SEED + 3), N_TICKETS)

    out_dir.mkdir(parents=True, exist_ok=True)
    write_jsonl(out_dir / "articles.jsonl", articles)
    write_jsonl(out_dir / "queries_train.jsonl", with_ids(train, "tr", random.Random(SEED + 4)))
    write_jsonl(out_dir / "queries_dev.jsonl", with_ids(dev, "de", random.Random(SEED + 5)))
    write_jsonl(out_dir / "queries_test.jsonl", with_ids(test, "te", random.Random(SEED + 6)))
    write_jsonl(out_dir / "tickets.jsonl", [{"text": t} for t in tickets])
    print(f"dev/test candidates: {len(flat)}, above cosine {MAX_CROSS_SPLIT_COSINE}: {dropped}")
    print(f"largest cross-split cosine of a kept dev/test query: {max(used):.4f}")
    print(f"articles {len(articles)}, train {len(train)}, dev {len(dev)}, test {len(test)}, tickets {len(tickets)}")


if __name__ == "__main__":
    main()
