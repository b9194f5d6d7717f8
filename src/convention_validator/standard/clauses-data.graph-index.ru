# Index par graphe des indicateurs / Per-graph index of the indicators
#
# Le moissonneur écrit dans chaque graphe de convention, avec ses triplets et dans la même écriture
# atomique, les triplets dérivés par cette mise à jour SPARQL 1.1 (espace de noms
# https://w3id.org/clauses-data/harvest/index/, réservé au moissonneur : un document qui s'en sert
# est refusé). Chacun relie, dans un seul motif, ce que les indicateurs comptent :
#   ?convention index:dataset ?dataset     le jeu est une cible (odrl:target) et a ses conditions
#                                          de partage (cdata:sharingTerms) ;
#   ?convention index:openTerms ?terms     ces conditions sont en accès public (access-right/PUBLIC) ;
#   ?dataset index:theme / index:category / index:accessLevel   son thème (dcat:theme), sa
#                                          catégorie (dct:type), son niveau d'accès (dct:accessRights) ;
#   ?terms index:openTheme / index:openCategory   le thème et la catégorie d'un jeu ouvert, portés par
#                                          le nœud de ses conditions (que les requêtes comptent).
#   ?convention index:version 1            le graphe a son index (les graphes écrits avant l'index
#                                          le reçoivent de cette même mise à jour au moissonnage suivant).
# Seuls les graphes désignés par une fiche de moisson (foaf:primaryTopic) sont lus et écrits : les
# autres graphes d'un serveur partagé ne sont jamais touchés.
# Les requêtes d'indicateurs lisent ces motifs au lieu de joindre quatre motifs par jeu de données :
# les mêmes lignes (test différentiel contre les requêtes de la version 0.1, qui joignent les motifs
# d'origine), trois fois plus vite à 1 000 conventions (docs/performances.md).
#
# The harvester writes into each convention graph, with its triples and in the same atomic write,
# the triples derived by this update: single patterns for what the indicators count (the same rows
# as the 0.1 queries joining the original patterns, about three times faster at 1,000 conventions).
# A graph written before the index gets it from this same update at the next harvest. Only graphs
# named by a harvest record are read and written: other graphs of a shared server are left alone.
PREFIX cdata: <https://w3id.org/clauses-data/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
PREFIX access: <http://publications.europa.eu/resource/authority/access-right/>
PREFIX index: <https://w3id.org/clauses-data/harvest/index/>

INSERT {
  GRAPH ?convention {
    ?convention index:dataset ?dataset ; index:openTerms ?openTerms .
    ?dataset index:theme ?theme ; index:category ?category ; index:accessLevel ?accessLevel .
    ?openTerms index:openTheme ?theme ; index:openCategory ?category .
  }
}
WHERE {
  GRAPH <https://w3id.org/clauses-data/harvest/records> { ?record foaf:primaryTopic ?convention }
  GRAPH ?convention {
    ?convention odrl:target ?dataset .
    ?dataset cdata:sharingTerms ?terms .
    OPTIONAL { ?terms dct:accessRights ?accessLevel }
    OPTIONAL { ?terms dct:accessRights access:PUBLIC . BIND(?terms AS ?openTerms) }
    OPTIONAL { ?dataset dcat:theme ?theme }
    OPTIONAL { ?dataset dct:type ?category }
  }
  FILTER NOT EXISTS { GRAPH ?convention { ?convention index:version 1 } }
} ;

INSERT { GRAPH ?convention { ?convention index:version 1 } }
WHERE {
  GRAPH <https://w3id.org/clauses-data/harvest/records> { ?record foaf:primaryTopic ?convention }
  GRAPH ?convention { ?convention a ?type }
  FILTER NOT EXISTS { GRAPH ?convention { ?convention index:version 1 } }
}
