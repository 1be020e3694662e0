import type { MqttRuntime, QoS } from '../protocol/sessions/mqtt/module';
import { checkTopicFilter, checkTopicName } from '../protocol/sessions/mqtt/topics';
import { setPreferredMqttVersion, type MqttVersion } from '../protocol/sessions/mqtt/version';
import { getSession, setProblem } from './appStore';
import { runtimeOf } from './protocolActions';

/**
 * MQTT's verbs in the composer: each checks the topic (an alert naming the problem, nothing sent)
 * and hands it to the running MQTT runtime.
 * NOTE: the runtime is imported as a type only, so mqtt-packet stays in the on-demand chunk.
 */

/** The MQTT runtime with a topic that passes `check`, or null after saying what is wrong. */
function mqttWith(id: string, topic: string, check: (topic: string) => string | null): MqttRuntime | null {
  const found = runtimeOf(id);
  if ('error' in found) return (setProblem(id, 'composer', found.error), null);
  if (found.runtime.id !== 'mqtt') return (setProblem(id, 'composer', 'The running protocol is not MQTT'), null);
  const problem = check(topic);
  if (problem) return (setProblem(id, 'composer', problem), null);
  setProblem(id, 'composer', null);
  return found.runtime as MqttRuntime;
}

/** Subscribes to the topic filter `filter` with the maximum QoS `qos`. */
export function subscribeMqtt(id: string, filter: string, qos: QoS): void {
  mqttWith(id, filter, checkTopicFilter)?.subscribe(filter, qos);
}

/** Unsubscribes from the topic filter `filter`. */
export function unsubscribeMqtt(id: string, filter: string): void {
  mqttWith(id, filter, checkTopicFilter)?.unsubscribe(filter);
}

/** Publishes the composer's Message to `topic` with `qos` and `retain`. */
export function publishMqtt(id: string, topic: string, qos: QoS, retain: boolean): void {
  const payload = getSession(id)?.drafts.message ?? '';
  mqttWith(id, topic, checkTopicName)?.publish(topic, payload, qos, retain);
}

/** Chooses the MQTT version for this connection's endpoint, used from its next Connect. */
export function chooseMqttVersion(id: string, version: MqttVersion): void {
  const url = getSession(id)?.openedUrl;
  if (url) setPreferredMqttVersion(url, version);
}
