package org.proxyconfig.adapters.http.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.proxyconfig.adapters.wire.MalformedBodyException;
import org.proxyconfig.adapters.wire.ProxyConfigJson;
import org.proxyconfig.adapters.wire.StrictJsonReader;
import org.proxyconfig.application.ProbeResult;
import org.proxyconfig.application.port.in.DryRunCommand;
import org.proxyconfig.application.port.in.DryRunResult;
import org.proxyconfig.domain.InvalidFieldException;
import org.proxyconfig.domain.ProxyConfigDraft;
import org.proxyconfig.domain.Purpose;

/**
 * The wire format of {@code POST /api/proxy-config/test}: the body
 * {@code {"target", "purpose", "config"?, "probe"?}} read as strictly as a PUT body (a nested
 * {@code config} gets exactly the PUT's checks), and the answer.
 */
public final class DryRunJson {

    private DryRunJson() {
    }

    public static DryRunCommand readCommand(byte[] body) {
        JsonObject object = StrictJsonReader.readObject(body);
        String target = requiredString(object, "target");
        String purpose = requiredString(object, "purpose");
        Optional<ProxyConfigDraft> draft = Optional.empty();
        JsonValue config = object.get("config");
        if (config != null && config.getValueType() != JsonValue.ValueType.NULL) {
            if (config.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedBodyException("config: must be an object (a proxy configuration as PUT takes it), got "
                        + StrictJsonReader.describe(config), "config", "invalid_field_type");
            }
            draft = Optional.of(ProxyConfigJson.readDraft(config.asJsonObject()));
        }
        boolean probe = false;
        JsonValue probeValue = object.get("probe");
        if (probeValue != null && probeValue.getValueType() != JsonValue.ValueType.NULL) {
            JsonValue.ValueType type = probeValue.getValueType();
            if (type != JsonValue.ValueType.TRUE && type != JsonValue.ValueType.FALSE) {
                throw new MalformedBodyException("probe: must be true or false, got " + StrictJsonReader.describe(probeValue),
                        "probe", "invalid_field_type");
            }
            probe = probeValue.getValueType() == JsonValue.ValueType.TRUE;
        }
        return new DryRunCommand(parseTarget(target), Purpose.fromWire(purpose), draft, probe);
    }

    public static String write(DryRunResult result) {
        DryRunView view = new DryRunView();
        view.route = result.decision().route().name().toLowerCase(Locale.ROOT);
        view.decidedBy = result.decision().describe();
        view.proxy = result.proxyUrl();
        view.proxies = result.proxyUrls().isEmpty() ? null : result.proxyUrls();
        view.probe = result.probe().map(DryRunJson::probeView).orElse(null);
        return Jsons.JSONB.toJson(view);
    }

    private static DryRunView.SetAsideView setAsideView(ProbeResult.PassedOver passed) {
        DryRunView.SetAsideView view = new DryRunView.SetAsideView();
        view.proxy = passed.proxy();
        view.error = passed.failure().name().toLowerCase(Locale.ROOT);
        view.message = passed.message();
        return view;
    }

    private static DryRunView.ProbeView probeView(ProbeResult probe) {
        DryRunView.ProbeView view = new DryRunView.ProbeView();
        view.latencyMs = probe.latencyMillis();
        switch (probe) {
            case ProbeResult.Reached reached -> {
                view.ok = true;
                view.status = reached.status();
                view.proxyUsed = reached.proxyUsed().isEmpty() ? null : reached.proxyUsed();
                view.setAside = reached.passedOver().isEmpty() ? null
                        : reached.passedOver().stream().map(DryRunJson::setAsideView).toList();
            }
            case ProbeResult.Failed failed -> {
                view.ok = false;
                view.error = failed.failure().name().toLowerCase(Locale.ROOT);
                view.message = failed.message();
            }
        }
        return view;
    }

    private static URI parseTarget(String target) {
        try {
            return new URI(target);
        } catch (URISyntaxException e) {
            throw new InvalidFieldException("target", "invalid_target",
                    "is not a valid URL (" + StrictJsonReader.printable(e.getReason()) + " at index " + e.getIndex() + ")");
        }
    }

    private static String requiredString(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new MalformedBodyException(name + ": is required", name, "missing_field");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new MalformedBodyException(name + ": must be a string, got " + StrictJsonReader.describe(value), name, "invalid_field_type");
        }
        return ((JsonString) value).getString();
    }
}
