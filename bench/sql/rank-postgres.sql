-- The best hand-written query for rank's top 20 on PostgreSQL, for
-- bench/postgres: each tool's current review per persona (DISTINCT ON over
-- the history), the panel's ship count and mean score, and the community
-- tally, in one set-based statement. toolcmp ranks by the adjusted mean
-- (habits taken out), which this leaves out: a floor, not the same answer.
SELECT t.name, count(*) FILTER (WHERE c.verdict = 'ship') AS ship, count(c.verdict) AS verdicts,
       round(avg(c.score), 1) AS mean,
       (SELECT count(*) FROM toolcmp.vote v WHERE v.tool_id = t.id AND v.verdict = 'ship') AS votes_ship
FROM toolcmp.tool t
JOIN (SELECT DISTINCT ON (tool_id, persona_id) tool_id, persona_id, score, verdict
      FROM toolcmp.review
      ORDER BY tool_id, persona_id, reviewed_at DESC, recorded_at DESC, id DESC) c ON c.tool_id = t.id
GROUP BY t.id, t.name
ORDER BY mean DESC NULLS LAST, ship DESC, t.name
LIMIT 20;
