package io.mmsguard.gateway;

import io.mmsguard.gateway.http.HttpUpstream;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.gateway.session.Inspector;

/** What every protocol handler of one gateway instance shares. */
public record GatewayContext(Inspector sessions, ProfileView profiles, HttpUpstream upstream,
                             GatewayMetrics metrics) {
}
