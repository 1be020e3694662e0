import { useState } from 'react';
import { useSession } from '../../store/appStore';
import { chooseMqttVersion, publishMqtt, subscribeMqtt, unsubscribeMqtt } from '../../store/mqttActions';
import type { QoS } from '../../protocol/sessions/mqtt/module';
import { MQTT_VERSIONS, preferredMqttVersion, type MqttVersion } from '../../protocol/sessions/mqtt/version';

const QOS_LEVELS: readonly QoS[] = [0, 1, 2];

/** MQTT: subscribe to or unsubscribe from a topic filter, or publish the Message below to a topic with QoS and retain. */
export function MqttVerbs({ id }: { id: string }) {
  const url = useSession(id, (s) => s.openedUrl ?? '');
  const [topic, setTopic] = useState('test/a');
  const [qos, setQos] = useState<QoS>(0);
  const [retain, setRetain] = useState(false);
  const [version, setVersion] = useState<MqttVersion>(() => preferredMqttVersion(url));
  return (
    <fieldset className="protocol-verbs protocol-verbs--compact" aria-label="MQTT">
      <legend>MQTT</legend>
      <div className="protocol-verbs__row">
        <label className="protocol-verbs__inline protocol-verbs__grow">
          Topic <input aria-label="Topic" type="text" spellCheck={false} value={topic} onChange={(e) => setTopic(e.target.value)} />
        </label>
        <label className="protocol-verbs__inline">
          QoS{' '}
          <select aria-label="QoS" value={qos} onChange={(e) => setQos(Number(e.target.value) as QoS)}>
            {QOS_LEVELS.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="protocol-verbs__operations">
        <button type="button" className="button" onClick={() => subscribeMqtt(id, topic, qos)}>
          Subscribe topic
        </button>
        <button type="button" className="button" onClick={() => unsubscribeMqtt(id, topic)}>
          Unsubscribe topic
        </button>
      </p>
      <p className="protocol-verbs__operations">
        <label className="protocol-verbs__inline">
          <input type="checkbox" checked={retain} onChange={(e) => setRetain(e.target.checked)} /> Retain
        </label>
        <button type="button" className="button button--primary" onClick={() => publishMqtt(id, topic, qos, retain)}>
          Publish
        </button>
        <span className="hint">payload: Message</span>
      </p>
      <div className="protocol-verbs__row hint">
        <label className="protocol-verbs__inline">
          MQTT version{' '}
          <select
            aria-label="MQTT version"
            value={version}
            onChange={(e) => {
              const chosen = Number(e.target.value) as MqttVersion;
              setVersion(chosen);
              chooseMqttVersion(id, chosen);
            }}
          >
            {MQTT_VERSIONS.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <span>on next Connect</span>
      </div>
    </fieldset>
  );
}
