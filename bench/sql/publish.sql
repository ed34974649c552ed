-- What publish reads, as the sqlite3 CLI would: every tool's row, its
-- attributes and its whole review history with the texts (the tool pages),
-- and every decision's snapshot. No page is made or written.
SELECT t.id, t.name, t.vendor, t.category, t.tagline, t.description, t.pricing, t.entry, t.license, t.url
FROM tool t ORDER BY t.id;
SELECT a.tool_id, a.key, a.value FROM tool_attribute a ORDER BY a.tool_id, a.key;
SELECT r.tool_id, p.name, r.score, r.verdict, r.text, r.reviewed_at, r.recorded_at
FROM review r JOIN persona p ON p.id = r.persona_id
ORDER BY r.tool_id, r.reviewed_at, r.recorded_at, r.id;
SELECT v.tool_id, count(*) FILTER (WHERE v.verdict = 'ship'), count(*) FROM vote v GROUP BY v.tool_id;
SELECT d.id, d.title, d.snapshot FROM decision d ORDER BY d.id;
