package io.mmsguard.inspection.av;

/**
 * Parses {@code .ndb} lines: {@code name:target:offset:hexsig[:min_flevel[:max_flevel]]}.
 *
 * <p>Only target 0 ("any file") is loaded. Other targets (1 PE, 2 OLE2, 3 HTML, 4 mail, 5 graphics, 6 ELF,
 * 7 normalised ASCII, 9 Mach-O, ...) are skipped and counted: ClamAV matches them against a parsed or normalised
 * form of the file (e.g. HTML with tags normalised), so matching them against raw bytes would give verdicts
 * clamd would not give. The offset is described in {@link SignatureOffset}, the hex signature in
 * {@link HexPatternCompiler}.
 */
public final class BodySignatureParser {
    private final HexPatternCompiler compiler;

    public BodySignatureParser(int maxSignatureBytes) {
        this.compiler = new HexPatternCompiler(maxSignatureBytes);
    }

    public BodySignature parse(String line) throws SignatureSyntaxException {
        String[] f = line.split(":", -1);
        if (f.length < 4 || f.length > 6) {
            throw new SignatureSyntaxException("expected name:target:offset:hexsig[:min_flevel[:max_flevel]], got "
                    + f.length + " fields");
        }
        String name = SignatureNames.check(f[0]);
        if (!f[1].equals("0")) {
            throw SignatureSyntaxException.unsupported(TargetTypes.reason(f[1]),
                    "target " + f[1] + " not supported (only 0, any file)");
        }
        SignatureOffset offset = SignatureOffset.parse(f[2]);
        FunctionalityLevel.check(f.length > 4 ? f[4] : null, f.length > 5 ? f[5] : null);
        return new BodySignature(name, offset, compiler.compile(f[3].toLowerCase(java.util.Locale.ROOT)));
    }
}
