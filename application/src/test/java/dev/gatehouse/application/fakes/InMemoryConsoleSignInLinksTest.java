package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.ConsoleSignInLinksContract;
import dev.gatehouse.domain.port.ConsoleSignInLinks;

class InMemoryConsoleSignInLinksTest extends ConsoleSignInLinksContract {

    private final InMemoryConsoleSignInLinks links = new InMemoryConsoleSignInLinks();

    @Override
    protected ConsoleSignInLinks links() {
        return links;
    }
}
