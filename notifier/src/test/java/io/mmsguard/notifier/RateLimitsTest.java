package io.mmsguard.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void theSameRateKeepsItsLimiterAndItsBookings() {
        RateLimits limits = new RateLimits();
        RateLimiter first = limits.limiter("p/MM1", 2);
        assertThat(limits.limiter("p/MM1", 2)).isSameAs(first);
    }

    @Test
    void aChangedRateTakesEffectAtTheNextNotice() {
        RateLimits limits = new RateLimits();
        assertThat(limits.perSecond("p/MM1")).isEmpty();
        limits.limiter("p/MM1", 1);
        RateLimiter changed = limits.limiter("p/MM1", 250);
        assertThat(changed.perSecond()).isEqualTo(250);
        assertThat(limits.perSecond("p/MM1")).hasValue(250);
        assertThat(limits.limiter("p/MM1", 0).unlimited()).isTrue();
    }

    @Test
    void eachProfileAndInterfaceHasItsOwn() {
        RateLimits limits = new RateLimits();
        limits.limiter("p/MM1", 1);
        limits.limiter("p/MM7", 5);
        assertThat(limits.perSecond("p/MM1")).hasValue(1);
        assertThat(limits.perSecond("p/MM7")).hasValue(5);
    }
}
