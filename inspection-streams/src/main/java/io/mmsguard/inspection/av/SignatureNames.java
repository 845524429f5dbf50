package io.mmsguard.inspection.av;

/** The rules every signature name follows, whatever the file format. */
final class SignatureNames {
    /** Virus names end up in notifications and log lines; ClamAV's own names stay well below this. */
    static final int MAX_LENGTH = 256;

    private SignatureNames() {
    }

    static String check(String name) throws SignatureSyntaxException {
        if (name.isEmpty()) {
            throw new SignatureSyntaxException("empty signature name");
        }
        if (name.length() > MAX_LENGTH) {
            throw new SignatureSyntaxException("signature name longer than " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new SignatureSyntaxException("signature name has a non-printable or space character");
            }
        }
        return name;
    }
}
