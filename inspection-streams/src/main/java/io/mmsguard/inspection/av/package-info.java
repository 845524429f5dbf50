/**
 * Antivirus scanners: a built-in engine for ClamAV signature files and a clamd client, both behind
 * {@link io.mmsguard.inspection.scan.VirusScanner}. Plain Java, no Kafka types.
 *
 * <h2>Built-in engine</h2>
 * {@link io.mmsguard.inspection.av.SignatureDatabaseLoader} reads every {@code .hdb}, {@code .hsb}, {@code .mdb},
 * {@code .msb} and {@code .ndb} file of a directory (formats in {@link io.mmsguard.inspection.av.HashSignatureParser},
 * {@link io.mmsguard.inspection.av.BodySignatureParser}, {@link io.mmsguard.inspection.av.SignatureOffset} and
 * {@link io.mmsguard.inspection.av.HexPatternCompiler}), and the same formats inside the containers ClamAV ships
 * its databases in ({@code .cvd}, {@code .cld}, {@code .cud}: {@code SignatureContainer}, whose header MD5 and
 * {@code .info} sizes and SHA-256s are checked; the digital signature is freshclam's to check), into an immutable
 * {@link io.mmsguard.inspection.av.SignatureDatabase}. PE section hashes are matched against the sections
 * {@code PeSections} finds in a part that is a PE file. What it does not evaluate (a construct, a target type, a
 * whole member file format) is counted per reason in {@link io.mmsguard.inspection.av.LoadStatistics} and logged at
 * load; {@code LoadStatistics.coverage()} is the share of the database's signature lines that load. A scan computes each digest the database uses once, then makes
 * one pass over the content for the signatures' anchors (longest run of exact bytes) and verifies each candidate
 * around its anchor. The anchor pass ({@code AnchorMatcher}) is a filter on each anchor's last four bytes, a bitmap
 * probed at every position with an address computed from the content alone, followed by an exact comparison where
 * it passes; its cost per byte is nearly the same on random bytes, text and content made of anchor near misses. The
 * Aho-Corasick automaton it replaced cost 2 to 3 times more on some contents than on others: each byte's transition
 * depends on the state the previous byte reached, so the scan waits on one memory load after another, and how long
 * each waits depends on whether the states this content visits still fit in the processor's caches, which grows
 * with the content's length and variety (docs/benchmarks.md).
 * {@link io.mmsguard.inspection.av.ClamavSignatureEngine} swaps databases atomically on reload;
 * {@link io.mmsguard.inspection.av.SignatureDirectoryWatcher} triggers reloads.
 *
 * <h2>Where the built-in engine and clamd differ</h2>
 * <ul>
 *   <li>clamd reports content of 5 bytes or fewer as clean without matching; the built-in engine matches it.</li>
 *   <li>clamd appends {@code .UNOFFICIAL} to names from databases ClamAV did not sign; the built-in engine reports
 *       names as written in the file.</li>
 *   <li>With {@code ScanHTML yes} (clamd's default) clamd also matches target-0 signatures against a normalised
 *       copy of text content; the built-in engine matches raw bytes only.</li>
 *   <li>Alternative groups whose options differ in length: the built-in engine tries every option; ClamAV 1.4 may
 *       not (observed: {@code (42|4243)(41|4341)4?4131} does not match "BCCAEA1" in clamd).</li>
 *   <li>Signatures with non-zero targets, executable-relative offsets and the constructs listed in
 *       {@link io.mmsguard.inspection.av.HexPatternCompiler} are skipped (logged and counted) by the built-in
 *       engine; clamd, conversely, refuses a whole database over signatures its own matcher cannot hold (e.g. a
 *       part between variable gaps without two exact bytes, or a wildcard-free signature shorter than 3 bytes).</li>
 * </ul>
 */
package io.mmsguard.inspection.av;
