package io.mmsguard.inspection.endpoint;

import io.mmsguard.inspection.scan.PatternType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointMatcherProperties {

    /** An E.164 number and the same number as a handset, an MMSC or a person might write it. */
    record Written(String e164, String form) {
    }

    /** The same E.164 number written two ways. */
    record TwoForms(String e164, String entryForm, String addressForm) {
    }

    @Provide
    Arbitrary<Written> numbers() {
        return Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(15).filter(s -> s.charAt(0) != '0')
                .flatMap(d -> form(d).map(f -> new Written("+" + d, f)));
    }

    @Provide
    Arbitrary<TwoForms> twoForms() {
        return Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(15).filter(s -> s.charAt(0) != '0')
                .flatMap(d -> Combinators.combine(form(d), form(d)).as((a, b) -> new TwoForms("+" + d, a, b)));
    }

    private static Arbitrary<String> form(String digits) {
        Arbitrary<String> prefix = Arbitraries.of("+", "00", "tel:+");
        Arbitrary<String> separator = Arbitraries.of("", " ", "-", ".");
        Arbitrary<String> suffix = Arbitraries.of("", "/TYPE=PLMN", "/type=plmn");
        Arbitrary<Boolean> angle = Arbitraries.of(true, false);
        return Combinators.combine(prefix, separator, suffix, angle).as((p, sep, suf, a) -> {
            String form = p + String.join(sep, digits.split("(?<=\\G.{3})")) + suf;
            return a ? "Someone <" + form + ">" : form;
        });
    }

    @Property
    void normalisedFormIsE164(@ForAll("numbers") Written w) {
        assertThat(AddressNormalizer.normalize(w.form())).isEqualTo(w.e164());
    }

    @Property
    void simpleEntryMatchesItsNumberInAnyWrittenForm(@ForAll("twoForms") TwoForms n) {
        EndpointMatcher m = new EndpointMatcher(List.of(new EndpointList("l", true,
                List.of(new EndpointEntry(n.entryForm(), PatternType.SIMPLE, EndpointAction.BLOCK)))));
        assertThat(m.match(n.addressForm(), List.of()).blocked()).isTrue();
        assertThat(m.match("+0", List.of(n.addressForm())).blocked()).isTrue();
        assertThat(m.match(n.e164() + "1", List.of()).blocked()).isFalse();
    }

    @Property
    void simpleEntryMatchesNoOtherNumber(@ForAll("numbers") Written entry, @ForAll("numbers") Written address) {
        EndpointMatcher m = new EndpointMatcher(List.of(new EndpointList("l", true,
                List.of(new EndpointEntry(entry.form(), PatternType.SIMPLE, EndpointAction.BLOCK)))));
        boolean same = entry.e164().equals(address.e164());
        assertThat(m.match(address.form(), List.of()).blocked()).isEqualTo(same);
        assertThat(m.match("+0", List.of(address.form())).blocked()).isEqualTo(same);
    }

    @Property
    void wildcardPrefixEntryMatchesExactlyTheNumbersWithThatPrefix(@ForAll("numbers") Written address,
                                                                   @ForAll("numbers") Written prefixSource) {
        String prefix = prefixSource.e164().substring(0, 4);
        EndpointMatcher m = new EndpointMatcher(List.of(new EndpointList("l", true,
                List.of(new EndpointEntry(prefix + "*", PatternType.WILDCARD, EndpointAction.EXEMPT)))));
        assertThat(m.match(address.form(), List.of()).exemptFromScanning())
                .isEqualTo(address.e164().startsWith(prefix));
    }

    @Property
    void theDecisiveActionIsNeverWeakerThanAnyMatch(@ForAll("actions") List<EndpointAction> actions) {
        List<EndpointEntry> entries = new java.util.ArrayList<>();
        List<String> recipients = new java.util.ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            entries.add(new EndpointEntry("+" + (100 + i), PatternType.SIMPLE, actions.get(i)));
            recipients.add("00" + (100 + i));
        }
        EndpointMatch r = new EndpointMatcher(List.of(new EndpointList("l", true, entries))).match(null, recipients);
        EndpointAction strongest = actions.stream().max(Enum::compareTo).orElse(EndpointAction.NONE);
        assertThat(r.action()).isEqualTo(strongest);
        assertThat(r.matches()).hasSize(actions.size());
    }

    @Provide
    Arbitrary<List<EndpointAction>> actions() {
        return Arbitraries.of(EndpointAction.class).list().ofMaxSize(6);
    }
}
