package dev.gatehouse.adapters.http.console;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Hands console controllers the session {@link ConsoleFilter} verified. */
@Singleton
final class ConsoleSessionBinder implements TypedRequestArgumentBinder<ConsoleSession> {

    @Override
    public Argument<ConsoleSession> argumentType() {
        return Argument.of(ConsoleSession.class);
    }

    @Override
    public BindingResult<ConsoleSession> bind(
            ArgumentConversionContext<ConsoleSession> context, HttpRequest<?> source) {
        Optional<ConsoleSession> session = source.getAttribute(ConsoleFilter.SESSION, ConsoleSession.class);
        return session.isPresent() ? () -> session : BindingResult.unsatisfied();
    }
}
