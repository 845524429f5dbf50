package io.mmsguard.inspection.endpoint;

import io.mmsguard.inspection.validation.ValidationProblem;
import io.mmsguard.inspection.scan.PatternType;
import io.mmsguard.inspection.scan.RegexBudget;
import io.mmsguard.inspection.scan.RegexLimits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointMatcherTest {

    private static EndpointEntry entry(String p, PatternType t, EndpointAction a) {
        return new EndpointEntry(p, t, a);
    }

    private static EndpointMatcher matcher(EndpointEntry... entries) {
        return new EndpointMatcher(List.of(new EndpointList("l", true, List.of(entries))));
    }

    @Test
    void normalisesPlmnSuffixInternationalPrefixSeparatorsAndDisplayNames() {
        assertThat(AddressNormalizer.normalize("+491701234567/TYPE=PLMN")).isEqualTo("+491701234567");
        assertThat(AddressNormalizer.normalize("00491701234567")).isEqualTo("+491701234567");
        assertThat(AddressNormalizer.normalize("+49 (170) 123-45.67")).isEqualTo("+491701234567");
        assertThat(AddressNormalizer.normalize("tel:+491701234567")).isEqualTo("+491701234567");
        assertThat(AddressNormalizer.normalize("\"Bob\" <Bob@Example.COM>")).isEqualTo("bob@example.com");
        assertThat(AddressNormalizer.normalize("01701234567")).isEqualTo("01701234567");
        assertThat(AddressNormalizer.normalize("12345")).isEqualTo("12345");
        assertThat(AddressNormalizer.normalize("INFO-Service")).isEqualTo("info-service");
    }

    @Test
    void simpleEntryMatchesTheAddressInAnyForm() {
        EndpointMatcher m = matcher(entry("0049 170 1234567", PatternType.SIMPLE, EndpointAction.BLOCK));
        for (String a : List.of("+491701234567/TYPE=PLMN", "00491701234567", "+49-170-1234567")) {
            assertThat(m.match(a, List.of()).action()).as(a).isEqualTo(EndpointAction.BLOCK);
        }
        assertThat(m.match("+491701234568", List.of()).action()).isEqualTo(EndpointAction.NONE);
        assertThat(m.match("+491701234568", List.of()).decisive()).isEmpty();
    }

    @Test
    void emailMatchingIsCaseInsensitive() {
        EndpointMatcher m = matcher(entry("Spam@Example.com", PatternType.SIMPLE, EndpointAction.BLOCK),
                entry("*@bulk.example", PatternType.WILDCARD, EndpointAction.EXEMPT_MASS_MMS));
        assertThat(m.match("SPAM@example.COM", List.of()).blocked()).isTrue();
        assertThat(m.match("news@BULK.example", List.of()).action()).isEqualTo(EndpointAction.EXEMPT_MASS_MMS);
    }

    @Test
    void wildcardAndRegexEntriesMatchTheNormalisedAddress() {
        EndpointMatcher m = matcher(entry("0049170*", PatternType.WILDCARD, EndpointAction.BLOCK),
                entry("\\+4415\\d{3}", PatternType.REGEX, EndpointAction.EXEMPT));
        assertThat(m.match("+491709999/TYPE=PLMN", List.of()).blocked()).isTrue();
        assertThat(m.match("+4415123", List.of()).action()).isEqualTo(EndpointAction.EXEMPT);
        assertThat(m.match("+44151234", List.of()).action()).isEqualTo(EndpointAction.NONE);
    }

    @Test
    void forOneAddressTheFirstEntryInListOrderDecidesEvenAgainstALaterSimpleEntry() {
        EndpointMatcher m = new EndpointMatcher(List.of(
                new EndpointList("vip", true, List.of(entry("+49170*", PatternType.WILDCARD, EndpointAction.EXEMPT))),
                new EndpointList("blocked", true, List.of(entry("+491701234567", PatternType.SIMPLE, EndpointAction.BLOCK)))));
        EndpointMatch r = m.match("+491701234567", List.of());
        assertThat(r.action()).isEqualTo(EndpointAction.EXEMPT);
        assertThat(r.decisive()).hasValueSatisfying(d -> {
            assertThat(d.listName()).isEqualTo("vip");
            assertThat(d.entryIndex()).isZero();
        });
        EndpointMatcher reversed = new EndpointMatcher(List.of(
                new EndpointList("blocked", true, List.of(entry("+491701234567", PatternType.SIMPLE, EndpointAction.BLOCK))),
                new EndpointList("vip", true, List.of(entry("+49170*", PatternType.WILDCARD, EndpointAction.EXEMPT)))));
        assertThat(reversed.match("+491701234567", List.of()).action()).isEqualTo(EndpointAction.BLOCK);
    }

    @Test
    void acrossAddressesTheStrongestActionWins() {
        EndpointMatcher m = matcher(
                entry("+1", PatternType.SIMPLE, EndpointAction.NONE),
                entry("+2", PatternType.SIMPLE, EndpointAction.EXEMPT_MASS_MMS),
                entry("+3", PatternType.SIMPLE, EndpointAction.EXEMPT),
                entry("+4", PatternType.SIMPLE, EndpointAction.BLOCK));
        assertThat(m.match("+1", List.of("+2")).action()).isEqualTo(EndpointAction.EXEMPT_MASS_MMS);
        assertThat(m.match("+2", List.of("+3", "+1")).action()).isEqualTo(EndpointAction.EXEMPT);
        EndpointMatch r = m.match("+3", List.of("+1", "+4", "+2"));
        assertThat(r.action()).isEqualTo(EndpointAction.BLOCK);
        assertThat(r.decisive()).hasValueSatisfying(d -> {
            assertThat(d.role()).isEqualTo(AddressMatch.Role.RECIPIENT);
            assertThat(d.address()).isEqualTo("+4");
        });
        assertThat(r.matches()).hasSize(4);
        assertThat(r.exemptFromMassMms()).isFalse();
        assertThat(m.match("+3", List.of()).exemptFromMassMms()).isTrue();
        assertThat(m.match("+3", List.of()).exemptFromScanning()).isTrue();
    }

    @Test
    void logAndArchiveFlagsCollectOverAllMatches() {
        EndpointMatcher m = matcher(
                new EndpointEntry("+1", PatternType.SIMPLE, EndpointAction.NONE, false, true, true),
                new EndpointEntry("+2", PatternType.SIMPLE, EndpointAction.EXEMPT, true, false, true));
        EndpointMatch r = m.match("+1", List.of("+2"));
        assertThat(r.log()).isTrue();
        assertThat(r.archive()).isTrue();
        EndpointMatch onlyFirst = m.match("+1", List.of());
        assertThat(onlyFirst.log()).isFalse();
        assertThat(onlyFirst.archive()).isTrue();
        assertThat(onlyFirst.action()).isEqualTo(EndpointAction.NONE);
        assertThat(onlyFirst.decisive()).isPresent();
    }

    @Test
    void disabledEntriesAndListsMatchNothing() {
        EndpointMatcher m = new EndpointMatcher(List.of(
                new EndpointList("off", false, List.of(entry("+1", PatternType.SIMPLE, EndpointAction.BLOCK))),
                new EndpointList("on", true, List.of(
                        new EndpointEntry("+2", PatternType.SIMPLE, EndpointAction.BLOCK, true, false, false)))));
        assertThat(m.match("+1", List.of("+2")).matches()).isEmpty();
    }

    @Test
    void aLargeListOfSimpleEntriesIsOneLookupPerAddress() {
        List<EndpointEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            entries.add(entry("+4917" + String.format("%07d", i), PatternType.SIMPLE, EndpointAction.BLOCK));
        }
        EndpointMatcher m = new EndpointMatcher(List.of(new EndpointList("big", true, entries)));
        assertThat(m.match("0049 17 0199999", List.of()).decisive())
                .hasValueSatisfying(d -> assertThat(d.entryIndex()).isEqualTo(199_999));
        assertThat(m.match("+4918", List.of()).action()).isEqualTo(EndpointAction.NONE);
    }

    @Test
    void regexDosOnAnAddressIsAFailureNotANoMatch() {
        EndpointMatcher m = matcher(entry("\\+(\\d+)+x", PatternType.REGEX, EndpointAction.BLOCK));
        EndpointMatch r = m.match("+" + "1".repeat(5_000), List.of());
        assertThat(r.action()).isEqualTo(EndpointAction.NONE);
        assertThat(r.failed()).isTrue();
        assertThat(r.budgetExceeded()).singleElement().asString().contains("(\\d+)+x");
    }

    @Test
    void aLaterEntryDoesNotDecideForAnAddressTheBudgetRanOutOn() {
        // the BLOCK entry might have matched first: the ALLOW after it must not be taken as the answer
        EndpointMatcher m = matcher(entry("\\+(\\d+)+x", PatternType.REGEX, EndpointAction.BLOCK),
                entry("+1*", PatternType.WILDCARD, EndpointAction.EXEMPT));
        EndpointMatch r = m.match("+" + "1".repeat(5_000), List.of());
        assertThat(r.matches()).isEmpty();
        assertThat(r.exemptFromScanning()).isFalse();
        assertThat(r.failed()).isTrue();
    }

    @Test
    void allAddressesOfAMessageShareOneBudget() {
        EndpointMatcher m = matcher(entry("\\+(\\d+)+x", PatternType.REGEX, EndpointAction.BLOCK),
                entry("\\+49.*", PatternType.REGEX, EndpointAction.BLOCK));
        RegexBudget budget = RegexBudget.start(RegexLimits.DEFAULT, 0);
        EndpointMatch r = m.match("+" + "1".repeat(5_000), List.of("+491701234567"), budget);
        // the sender spent the message's budget, so the recipient's entries cannot be evaluated either
        assertThat(budget.exhausted()).isTrue();
        assertThat(r.blocked()).isFalse();
        assertThat(r.budgetExceeded()).hasSize(2);
        // with a budget of its own the recipient would have been blocked
        assertThat(m.match(null, List.of("+491701234567")).blocked()).isTrue();
    }

    @Test
    void validationNamesTheEntryField() {
        EndpointList l = new EndpointList("", true, List.of(
                entry("+1", PatternType.SIMPLE, EndpointAction.BLOCK),
                entry("[", PatternType.REGEX, EndpointAction.BLOCK),
                entry("", PatternType.WILDCARD, null)));
        assertThat(l.validate()).extracting(ValidationProblem::path)
                .containsExactly("name", "entries[1].pattern", "entries[2].pattern", "entries[2].action");
    }
}
