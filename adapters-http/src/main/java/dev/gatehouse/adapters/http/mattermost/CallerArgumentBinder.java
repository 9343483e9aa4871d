package dev.gatehouse.adapters.http.mattermost;

import dev.gatehouse.domain.call.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Hands the {@link Caller} that {@link CallAuthenticationFilter} verified to the controller as a typed argument, the
 * way micronaut-security binds its principal. The request attribute it travels in is private to this class; a route
 * the filter did not admit has no caller, so the argument cannot be satisfied and the call is not run.
 */
@Singleton
final class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    private static final String ATTRIBUTE = CallerArgumentBinder.class.getName();
    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    static void attach(HttpRequest<?> request, Caller caller) {
        request.setAttribute(ATTRIBUTE, caller);
    }

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Optional<Caller> caller = source.getAttribute(ATTRIBUTE, Caller.class);
        return caller.isPresent() ? () -> caller : BindingResult.unsatisfied();
    }
}
