-- blocked per hour and reason
SELECT window_start AS `hour`, reason, COUNT(*) AS blocked
FROM TABLE(TUMBLE(TABLE archive, DESCRIPTOR(receivedAt), INTERVAL '1' HOUR))
WHERE verdict = 'BLOCK'
GROUP BY window_start, window_end, reason
ORDER BY `hour`, reason;

-- top virus senders
SELECT sender, COUNT(*) AS viruses
FROM archive
WHERE reason = 'VIRUS'
GROUP BY sender
ORDER BY viruses DESC, sender
LIMIT 10;

-- campaign recipients
SELECT SUBSTR(a.checksum, 1, 12) AS campaign, r.address AS recipient, a.sender, a.verdict
FROM archive AS a
CROSS JOIN UNNEST(a.recipients) AS r (address, kind, rawAddress)
WHERE a.checksum IN (SELECT checksum FROM archive WHERE reason = 'DUPLICATE')
ORDER BY campaign, recipient;
