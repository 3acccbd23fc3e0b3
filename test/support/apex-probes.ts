/**
 * Small Apex designs a Flow's Apex action commonly has, as SFDX files: a synchronous callout through a
 * helper class, and the three asynchronous hand-offs (a Queueable, a @future(callout=true) method, a
 * batch), each ending in the same `callout:Erp` endpoint. `Action` is the class the Flow calls; the
 * Queueable, the @future method and the batch sit in it, so a class-level reading of its callout
 * evidence (`Database.AllowsCallouts`, `@future(callout=true)`) would mistake them for synchronous callouts.
 */
import { clsPath, invocableClass } from './sfdx';

const CLIENT =
  "public with sharing class ErpClient {\n    public static void post(List<Id> ids) {\n        HttpRequest req = new HttpRequest();\n        req.setEndpoint('callout:Erp/orders');\n        req.setMethod('POST');\n        new Http().send(req);\n    }\n}\n";

export type ApexDesign = 'sync' | 'queueable' | 'future' | 'batch';

export function apexDesign(design: ApexDesign): Record<string, string> {
  switch (design) {
    case 'sync':
      return { [clsPath('Action')]: invocableClass('Action', 'OrderService.push(ids);'), [clsPath('OrderService')]: SERVICE, [clsPath('ErpClient')]: CLIENT };
    case 'queueable':
      // The Queueable is an inner class of the action: the action's class says `Database.AllowsCallouts`.
      return {
        [clsPath('Action')]: invocableClass(
          'Action',
          'System.enqueueJob(new ErpJob(ids));',
          '    public class ErpJob implements Queueable, Database.AllowsCallouts {\n        private List<Id> ids;\n        public ErpJob(List<Id> ids) { this.ids = ids; }\n        public void execute(QueueableContext ctx) { ErpClient.post(ids); }\n    }\n',
        ),
        [clsPath('ErpClient')]: CLIENT,
      };
    case 'future':
      return {
        [clsPath('Action')]: invocableClass(
          'Action',
          'pushLater(ids);',
          '    @future(callout=true)\n    static void pushLater(List<Id> ids) { ErpClient.post(ids); }\n',
        ),
        [clsPath('ErpClient')]: CLIENT,
      };
    case 'batch':
      return {
        [clsPath('Action')]: invocableClass(
          'Action',
          'Database.executeBatch(new ErpBatch(), 100);',
          '    public class ErpBatch implements Database.Batchable<SObject>, Database.AllowsCallouts {\n        public Database.QueryLocator start(Database.BatchableContext bc) { return Database.getQueryLocator([SELECT Id FROM Order]); }\n        public void execute(Database.BatchableContext bc, List<Order> scope) { ErpClient.post(new List<Id>(new Map<Id, Order>(scope).keySet())); }\n        public void finish(Database.BatchableContext bc) {}\n    }\n',
        ),
        [clsPath('ErpClient')]: CLIENT,
      };
  }
}

const SERVICE = 'public with sharing class OrderService {\n    public static void push(List<Id> ids) {\n        ErpClient.post(ids);\n    }\n}\n';

export const ASYNC_DESIGNS: readonly ApexDesign[] = ['queueable', 'future', 'batch'];
