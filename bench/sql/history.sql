-- history A: every review of the tool, oldest first.
SELECT r.reviewed_at, p.name, r.score, r.verdict, r.source, r.text
FROM review r JOIN persona p ON p.id = r.persona_id
WHERE r.tool_id = (SELECT id FROM tool WHERE name_key = @TOOL@)
ORDER BY r.reviewed_at, r.recorded_at, r.id;
