package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.scan.ContentScanner;
import io.mmsguard.inspection.scan.ScanEnvironment;
import io.mmsguard.inspection.scan.ScanProfile;
import io.mmsguard.inspection.scan.Scanner;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One scanner as a profile configures it, the unit {@link ScannerRegistry} registers: how its own settings are
 * mapped from the Avro profile (with their validation rules) and how the scanner is built from them. The topology
 * and {@code mmsguard config apply} both go through it, so a profile the CLI accepts is one the topology can build.
 *
 * @param <S> the plain form of the scanner's settings record in the profile schema
 */
public interface ScannerDefinition<S> {

    /** The name of the scanner it builds. */
    Scanner id();

    /**
     * Maps this scanner's settings and checks them. Problems carry Avro field paths ({@code contentTypes[2].pattern})
     * so that {@code config apply} lists them with the others; an enum symbol newer than this reader is one (see
     * {@link ScanProfileMapper#plain}). Never throws for bad data.
     */
    ScanProfileMapper.Mapped<S> settings(MmsProfile profile);

    /**
     * @param settings    what {@link #settings} mapped, without problems
     * @param shared      the settings every scanner may read per interface (monitorOnly, removeBlocked, the switches
     *                    and lists of the built-in scanners), already validated
     * @param environment what the service provides: the virus scanner, the regex guard
     */
    ContentScanner create(S settings, ScanProfile shared, ScanEnvironment environment);

    /** A scanner whose settings are all part of {@link ScanProfile}: the five built-in ones. */
    static ScannerDefinition<Void> shared(Scanner id, BiFunction<ScanProfile, ScanEnvironment, ContentScanner> create) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(create, "create");
        return new ScannerDefinition<>() {
            @Override
            public Scanner id() {
                return id;
            }

            @Override
            public ScanProfileMapper.Mapped<Void> settings(MmsProfile profile) {
                return new ScanProfileMapper.Mapped<>(null, List.of());
            }

            @Override
            public ContentScanner create(Void settings, ScanProfile shared, ScanEnvironment environment) {
                return create.apply(shared, environment);
            }
        };
    }
}
