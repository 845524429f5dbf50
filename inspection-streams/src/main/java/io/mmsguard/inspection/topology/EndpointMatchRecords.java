package io.mmsguard.inspection.topology;

import io.mmsguard.avro.internal.AddressMatchOutcome;
import io.mmsguard.avro.internal.AddressRole;
import io.mmsguard.avro.internal.EndpointOutcome;
import io.mmsguard.inspection.endpoint.AddressMatch;
import io.mmsguard.inspection.endpoint.EndpointAction;
import io.mmsguard.inspection.endpoint.EndpointEntry;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.scan.PatternType;
import java.util.Optional;

/**
 * {@link EndpointMatch} to and from its Avro form, losslessly. Each match carries its whole entry (not only the list
 * name and index) because the endpoint list may change between stage 1 and stage 2, and the log must describe the
 * entry that matched.
 */
final class EndpointMatchRecords {

    private EndpointMatchRecords() {
    }

    static EndpointOutcome toAvro(EndpointMatch m) {
        return EndpointOutcome.newBuilder()
                .setAction(AvroEnums.toAvro(m.action(), io.mmsguard.avro.EndpointAction.class))
                .setDecisive(m.decisive().map(EndpointMatchRecords::toAvro).orElse(null))
                .setMatches(m.matches().stream().map(EndpointMatchRecords::toAvro).toList())
                .setLog(m.log())
                .setArchive(m.archive())
                .setBudgetExceeded(m.budgetExceeded())
                .build();
    }

    static EndpointMatch fromAvro(EndpointOutcome m) {
        return new EndpointMatch(AvroEnums.toJava(m.getAction(), EndpointAction.class),
                Optional.ofNullable(m.getDecisive()).map(EndpointMatchRecords::fromAvro),
                m.getMatches().stream().map(EndpointMatchRecords::fromAvro).toList(),
                m.getLog(), m.getArchive(), m.getBudgetExceeded());
    }

    private static AddressMatchOutcome toAvro(AddressMatch a) {
        EndpointEntry e = a.entry();
        return AddressMatchOutcome.newBuilder()
                .setRole(AvroEnums.toAvro(a.role(), AddressRole.class))
                .setAddress(a.address())
                .setNormalized(a.normalized())
                .setListName(a.listName())
                .setEntryIndex(a.entryIndex())
                .setEntry(io.mmsguard.avro.EndpointEntry.newBuilder()
                        .setPattern(e.pattern())
                        .setPatternType(AvroEnums.toAvro(e.patternType(), io.mmsguard.avro.PatternType.class))
                        .setAction(AvroEnums.toAvro(e.action(), io.mmsguard.avro.EndpointAction.class))
                        .setLog(e.log())
                        .setArchive(e.archive())
                        .setEnabled(e.enabled())
                        .build())
                .build();
    }

    private static AddressMatch fromAvro(AddressMatchOutcome a) {
        io.mmsguard.avro.EndpointEntry e = a.getEntry();
        return new AddressMatch(AvroEnums.toJava(a.getRole(), AddressMatch.Role.class), a.getAddress(),
                a.getNormalized(), a.getListName(), a.getEntryIndex(),
                new EndpointEntry(e.getPattern(), AvroEnums.toJava(e.getPatternType(), PatternType.class),
                        AvroEnums.toJava(e.getAction(), EndpointAction.class), e.getLog(), e.getArchive(),
                        e.getEnabled()));
    }
}
