#!/usr/bin/env python3
"""Writes the hostile input corpus: Fixtures/hostile/NN-name.json and NN-name.expected.

Each .json is one bad input for `partnership-ledger append FILE`; its .expected
holds a fragment the one-line error must contain (HostileInputTests checks
exit 1, one plain stderr line, the fragment, nothing written, bounded memory).
The committed files are the corpus; this script documents how the bytes were
made (invalid UTF-8, NUL bytes, BOMs...) and regenerates them. Cases that
cannot be files (100 MB, links, folders, permissions) are built by the tests.
"""
import os, json
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")
for f in os.listdir(D):
    if f.endswith(".json") or f.endswith(".expected"): os.remove(os.path.join(D, f))
cases = []
def case(name, content, expected):
    if isinstance(content, str): content = content.encode("utf-8")
    cases.append((name, content, expected))
P = '"type": "party", "id": "new-party", "date": "2020-01-01", "party": "newco", "name": "NewCo", "kind": "company"'
def party(**over):
    d = {"type": "party", "id": "new-party", "date": "2020-01-01", "party": "newco", "name": "NewCo", "kind": "company"}
    d.update(over)
    return json.dumps({k: v for k, v in d.items() if v is not None}, ensure_ascii=False)
VAL = lambda amount: '{"type": "valuation", "id": "v-new", "date": "2024-01-01", "company": "openai", "value": {"amount": %s, "currency": "USD"}, "basis": "reported"}' % amount

# --- malformed and truncated JSON
case("empty-file", b"", "the input is empty")
case("whitespace-only", b"  \n\t\n  \r\n", "the input is empty")
case("truncated-object", ('{' + P)[:-10], "the input ends where a value was expected")
case("truncated-after-value", '{' + P, "expected ',' or '}' in an object")
case("truncated-array", '[{' + P + '},', "the input ends where a value was expected")
case("truncated-jsonl-last-line", party() + "\n" + party(id="second", party="second")[:40] + "\n", "expected ':' after key \"date\"")
case("trailing-comma-object", '{' + P + ',}', "expected a quoted key")
case("trailing-comma-array", '[{' + P + '},]', "unexpected character ']'")
case("single-quotes", "{'type': 'party'}", "expected a quoted key")
case("bare-word", "party", "unexpected character 'p'")
case("javascript-comment", "// a comment\n{" + P + "}", "unexpected character '/'")
case("nan-literal", VAL("NaN"), "unexpected character 'N'")
case("infinity-literal", VAL("Infinity"), "unexpected character 'I'")
case("leading-zeros", VAL("007"), "leading zeros")
case("bad-escape", '{"type": "party\\x41"}', "invalid escape")
case("lone-surrogate", party(name="X").replace('"X"', '"\\ud800"'), "unpaired surrogate")
case("raw-control-character", party().replace("NewCo", "New\tCo"), "control character in a string")
case("missing-colon", '{"type" "party"}', "expected ':' after key \"type\"")
case("literal-typo", '{"type": "party", "flag": tru}', "invalid literal (expected true)")
case("two-objects-one-line", '{' + P + '} {' + P + '}', "a second JSON value on the same line")
case("garbage-after-jsonl", party() + "\n}}}\n", "unexpected character '}'")
case("top-level-number", "42", "must be an event object, not a number")
case("top-level-string", '"party"', "must be an event object, not a string")
case("array-of-strings", '["party", "newco"]', "must be an event object, not a string")
case("empty-array", "[]", "holds no events")
case("nested-empty-array", "[[]]", "must be an event object, not an array")
# --- huge numbers
case("number-literal-200-digits", VAL("1" * 200), "number literal longer than 100 characters")
case("number-huge-exponent", VAL("1e999999999"), "must be a decimal string")
case("amount-60-digits", VAL('"' + "9" * 60 + '"'), "more than 34 significant digits")
case("amount-exponent-string", VAL('"1e10"'), "is not an amount")
case("amount-negative", VAL('"-5"'), "must not be negative")
case("amount-hex", VAL('"0x10"'), "is not an amount")
case("amount-24-fraction-digits", VAL('"0.000000000000000000000001"'), "more than 20 digits after the decimal point")
case("stake-25-fraction-digits", '{"type": "recapitalization", "id": "r-new", "date": "2024-01-01", "company": "openai", "stakes": [{"holder": "microsoft", "stake": "0.1234567890123456789012345"}]}', "more than 20 digits after the decimal point")
case("amount-as-json-number", VAL("29000000000"), "must be a decimal string like")
case("stake-above-one", '{"type": "recapitalization", "id": "r-new", "date": "2024-01-01", "company": "openai", "stakes": [{"holder": "microsoft", "stake": "1.5"}]}', "is above 1")
case("stakes-sum-above-one", '{"type": "recapitalization", "id": "r-new", "date": "2024-01-01", "company": "openai", "stakes": [{"holder": "microsoft", "stake": "0.6"}, {"holder": "openai", "stake": "0.6"}]}', "more than 1")
# --- deep nesting
case("nesting-100-arrays", "[" * 100 + "]" * 100, "nesting deeper than 64 levels")
case("nesting-65-objects-in-terms", '{"type": "partnership", "id": "pn-new", "date": "2024-01-01", "partnership": "deep", "parties": ["openai", "microsoft"], "terms": ' + '{"a": ' * 65 + '1' + '}' * 65 + '}', "nesting deeper than 64 levels")
case("nesting-100k-unclosed", "[" * 100000, "nesting deeper than 64 levels")
# --- invalid UTF-8 and encodings
case("invalid-utf8-in-string", party().encode().replace(b"NewCo", b"New\xc3\x28Co"), "invalid UTF-8 in a string")
case("overlong-utf8-slash", party().encode().replace(b"NewCo", b"New\xc0\xafCo"), "invalid UTF-8 in a string")
case("utf8-surrogate-bytes", party().encode().replace(b"NewCo", b"New\xed\xa0\x80Co"), "invalid UTF-8 in a string")
case("truncated-utf8-sequence", party().encode().replace(b"NewCo", b"NewCo\xe2\x82"), "invalid UTF-8 in a string")
case("utf16-le-file", party().encode("utf-16-le"), "expected a quoted key")
case("utf8-bom", b"\xef\xbb\xbf" + party().encode(), "unexpected character byte 0xef")
case("nul-byte-in-string", party().encode().replace(b"NewCo", b"New\x00Co"), "control character in a string")
case("latin1-bytes-outside-string", b"\xff" + party().encode(), "unexpected character byte 0xff")
# --- ids with SQL or shell metacharacters
case("id-sql-injection", party(id="x'); DROP TABLE event; --"), "is not a valid id")
case("id-shell-substitution", party(id="$(touch /tmp/pwned)"), "is not a valid id")
case("id-backticks-and-semicolon", party(id="a;`reboot`"), "is not a valid id")
case("party-id-sql-quote", party(party="o'brien"), "party id \"o'brien\" is not a valid id")
case("id-path-traversal", party(id="../../etc/passwd"), "is not a valid id")
case("id-uppercase", party(id="OpenAI"), "is not a valid id")
case("id-cyrillic-homoglyph", party(id="\u043epenai"), "is not a valid id")
case("id-200-characters", party(id="a" * 200), "at most 128 characters")
case("id-with-newline-and-escape", party(id="a\nb\u001b[31m"), "\\n")
case("id-sql-wildcards", party(id="%_%"), "is not a valid id")
case("company-sql-injection", '{"type": "valuation", "id": "v-new", "date": "2024-01-01", "company": "openai\' OR \'1\'=\'1", "value": {"amount": "1", "currency": "USD"}, "basis": "reported"}', "is not a valid id")
# --- dates out of range or malformed
case("date-year-1799", party(date="1799-12-31"), "is out of range (years 1800 to 2199)")
case("date-year-2200", party(date="2200-01-01"), "is out of range (years 1800 to 2199)")
case("date-year-0000", party(date="0000-01-01"), "is out of range")
case("date-february-30", party(date="2023-02-30"), "is not a real calendar date")
case("date-1900-february-29", party(date="1900-02-29"), "is not a real calendar date")
case("date-month-13", party(date="2023-13-01"), "is not a real calendar date")
case("date-slashes", party(date="2023/01/01"), "is not a date in the form YYYY-MM-DD")
case("date-with-time", party(date="2023-01-01T00:00:00Z"), "is not a date in the form YYYY-MM-DD")
case("date-five-digit-year", party(date="12023-01-01"), "is not a date in the form YYYY-MM-DD")
case("date-as-number", party().replace('"2020-01-01"', "20200101"), "must be a string, not a number")
case("announced-out-of-range", party(announced="9999-12-31"), "is out of range")
case("period-reversed", '{"type": "revenue", "id": "rev-new", "date": "2024-01-01", "company": "openai", "amount": {"amount": "1", "currency": "USD"}, "basis": "period", "period": {"from": "2024-12-31", "to": "2024-01-01"}}', "\"from\" is after \"to\"")
# --- duplicated keys
case("duplicate-key-top-level", '{"type": "party", "type": "valuation", "id": "x", "date": "2020-01-01"}', "duplicate key \"type\"")
case("duplicate-key-nested-money", VAL('"1", "amount": "2"'), "duplicate key \"amount\"")
case("duplicate-key-via-escape", '{"type": "party", "typ\\u0065": "valuation"}', "duplicate key \"type\"")
case("duplicate-key-in-terms", '{"type": "partnership", "id": "pn-new", "date": "2024-01-01", "partnership": "dup", "parties": ["openai", "microsoft"], "terms": {"x": 1, "x": 2}}', "duplicate key \"x\"")
# --- well-formed JSON that is not a valid event
case("unknown-type", party(type="merger"), "\"merger\" is not one of")
case("unknown-field", party().replace('"kind"', '"knid": "x", "kind"'), "unknown field")
case("missing-date", party(date=None), "field date: is required")
case("unknown-party-reference", '{"type": "valuation", "id": "v-new", "date": "2024-01-01", "company": "nosuchco", "value": {"amount": "1", "currency": "USD"}, "basis": "reported"}', "party \"nosuchco\" is not registered")
case("id-already-stored", party(id="existing-valuation"), "already used")
case("duplicate-id-in-batch", party() + "\n" + party(party="other"), "already used")
case("party-already-registered", party(party="openai"), "\"openai\" is already registered")
case("bad-reference-after-valid-events", party(id="ok-1", party="ok1") + "\n" + party(id="ok-2", party="ok2") + "\n" + '{"type": "governance", "id": "g-new", "date": "2024-01-01", "company": "ghost", "changes": [{"role": "ceo", "set": "X"}]}', "event 3")
case("currency-lowercase", VAL('"1", "currency": "usd"').replace(', "currency": "USD"', ''), "is not an ISO 4217 currency code")
case("correction-of-missing-event", '{"type": "correction", "id": "c-new", "date": "2024-01-01", "corrects": "no-such-event", "replacement": {"type": "valuation", "date": "2024-01-01", "company": "openai", "value": {"amount": "1", "currency": "USD"}, "basis": "reported"}, "reason": "r"}', "no event with id \"no-such-event\" exists")
case("retraction-of-registration", '{"type": "retraction", "id": "x-new", "date": "2024-01-01", "retracts": "party-openai", "reason": "r"}', "registers an id other events rely on")
case("mixed-currencies-in-round", '{"type": "funding-round", "id": "f-new", "date": "2024-01-01", "company": "openai", "round": "A", "instrument": "equity", "investments": [{"investor": "microsoft", "amount": {"amount": "1", "currency": "USD"}}, {"investor": "openai", "amount": {"amount": "1", "currency": "EUR"}}]}', "one round, one currency")
case("amount-16-integer-digits", VAL('"1234567890123456"'), "more than 15 digits before the decimal point")

for i, (name, content, expected) in enumerate(cases, 1):
    base = "%02d-%s" % (i, name)
    with open(os.path.join(D, base + ".json"), "wb") as f: f.write(content)
    with open(os.path.join(D, base + ".expected"), "w") as f: f.write(expected + "\n")
print(len(cases))
