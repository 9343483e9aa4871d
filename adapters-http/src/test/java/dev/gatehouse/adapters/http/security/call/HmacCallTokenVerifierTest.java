package dev.gatehouse.adapters.http.security.call;

import dev.gatehouse.application.contract.CallTokenVerifierContract;
import dev.gatehouse.domain.port.CallTokenVerifier;

class HmacCallTokenVerifierTest extends CallTokenVerifierContract {

    private final HmacCallTokenVerifier verifier = new HmacCallTokenVerifier();

    @Override
    protected CallTokenVerifier verifier() {
        return verifier;
    }
}
