"""The three model clauses of the standard, worded as in the example conventions (the seed's proposal)."""

from __future__ import annotations

MODEL_CLAUSES: dict[str, str] = {
    "PUBLIC_DATA_AT_QPV_SCALE": (
        "La mise en œuvre de la politique de la ville nécessite l'utilisation de données nombreuses, et "
        "notamment de données publiques.\n\n"
        "Tous les acteurs publics signataires du présent contrat s'engagent à produire et à rendre "
        "accessibles les données publiques et les statistiques publiques relatives au contrat de ville "
        "et, plus largement, aux politiques publiques mises en œuvre, à l'échelle de chacun des quartiers "
        "prioritaires de la politique de la ville, et ce pendant toute la durée du présent contrat. Sont "
        "exclues de cet engagement les données non communicables au sens du code des relations entre le "
        "public et l'administration et, tout particulièrement, les données à caractère personnel des "
        "habitants.\n\n"
        "Cet engagement s'applique également aux données des entreprises privées ou para-publiques "
        "chargées d'une mission de service public pour le compte des collectivités signataires, notamment "
        "dans le cadre d'une concession ou d'une délégation de service public, pour ce qui concerne le "
        "périmètre des quartiers prioritaires."
    ),
    "PRIVATE_DATA_OF_GENERAL_INTEREST": (
        "Des acteurs privés interviennent à différents titres au sein des quartiers prioritaires. Ils "
        "peuvent concourir à la mise en œuvre du présent contrat et sont susceptibles de produire des "
        "données qui revêtent un caractère d'intérêt général.\n\n"
        "Lorsqu'il est de l'intérêt de tous que ces données soient partagées avec les acteurs publics "
        "afin de parfaire la connaissance de la réalité de la vie des quartiers et des besoins de leurs "
        "habitants, un partenariat de données est proposé aux acteurs concernés. Ce partenariat crée les "
        "conditions d'un accès à ces données respectueux des droits de tous, notamment des droits de "
        "propriété intellectuelle et du secret des affaires des producteurs, et des droits des personnes "
        "concernées. Il peut prendre la forme d'un mécénat de données, d'une médiation de la donnée "
        "d'intérêt général ou d'une mise à disposition au titre de l'altruisme en matière de données "
        "prévu par le règlement (UE) 2022/868 du 30 mai 2022 sur la gouvernance des données."
    ),
    "OPERATIONAL": (
        "Les signataires du présent contrat s'engagent à faire vivre le partenariat de données évoqué "
        "ci-avant en définissant des règles applicables à chacun des jeux de données utilisés au service "
        "des actions menées au bénéfice des quartiers prioritaires. Ces règles, consignées en annexe du "
        "présent contrat ou dans des conventions de mise à disposition de données, portent notamment sur "
        "les conditions d'accès et de partage (ouverture en open data ou non), la granularité (à "
        "l'échelle de chacun des quartiers), la périodicité de mise à jour, le format ou le standard, les "
        "conditions de transfert, d'hébergement et de destruction, ainsi que la sécurité.\n\n"
        "Dans tous les cas, chacun des signataires s'engage à respecter strictement les règles juridiques "
        "applicables en matière de protection des données à caractère personnel, notamment le règlement "
        "(UE) 2016/679 du 27 avril 2016 (RGPD) et la loi n° 78-17 du 6 janvier 1978 relative à "
        "l'informatique, aux fichiers et aux libertés, ainsi que l'ensemble des règles éthiques "
        "complémentaires définies au titre du présent partenariat local."
    ),
}


# The articles of a signable convention that the standard proposes as a model (`new` writes them;
# the parties adapt them). Texts cited in the visas are checked in docs/modele/convention.md.
MODEL_VISAS: list[dict[str, str]] = [
    {
        "title": "Règlement (UE) 2016/679 du Parlement européen et du Conseil du 27 avril 2016 relatif à la "
        "protection des personnes physiques à l'égard du traitement des données à caractère personnel et à la "
        "libre circulation de ces données (RGPD)",
        "url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    },
    {"title": "Loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et aux libertés"},
    {
        "title": "Code des relations entre le public et l'administration, livre III (accès aux documents "
        "administratifs et réutilisation des informations publiques)",
        "url": "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000031366350",
    },
    {
        "title": "Loi n° 2014-173 du 21 février 2014 de programmation pour la ville et la cohésion urbaine",
        "url": "https://www.legifrance.gouv.fr/affichTexte.do?cidTexte=JORFTEXT000028636804",
    },
]

MODEL_DEFINITIONS: list[dict[str, str]] = [
    {
        "term": "Jeu de données",
        "definition": "Ensemble de données décrit à l'annexe de la présente convention, avec les conditions "
        "d'accès et de réutilisation convenues pour lui.",
    },
    {
        "term": "Producteur",
        "definition": "Partie qui produit ou détient un jeu de données et le met à disposition dans les "
        "conditions de la présente convention.",
    },
    {
        "term": "Destinataire",
        "definition": "Partie désignée pour recevoir un jeu de données dont l'accès est restreint.",
    },
]

MODEL_ARTICLES: dict[str, object] = {
    "entry_into_force": "La présente convention entre en vigueur à la date de sa signature par la dernière des "
    "parties. Elle s'achève au terme du contrat de ville, sauf résiliation anticipée.",
    "termination": {
        "termination_causes": ["BREACH", "MUTUAL_AGREEMENT", "GENERAL_INTEREST", "END_OF_CITY_CONTRACT"],
        "notice_period": "P3M",
        "data_on_termination": "KEEP_UNTIL_RETENTION_END",
        "description": "En cas de manquement grave d'une partie à ses engagements, les autres parties la mettent "
        "en demeure ; la résiliation à son égard peut être prononcée trois mois après une mise en demeure restée "
        "sans effet. Les données ouvertes restent réutilisables sous leur licence ; les données à accès restreint "
        "déjà reçues sont conservées pour les seules finalités convenues jusqu'au terme de leur durée de "
        "conservation, puis supprimées.",
    },
    "liability": "Chaque partie répond des traitements qu'elle met en œuvre et des manquements qui lui sont "
    "imputables. Le producteur s'engage sur les caractéristiques décrites pour chaque jeu de données, sans "
    "garantir l'exactitude de chaque valeur au-delà de ces engagements.",
    "confidentiality": "Les parties ne communiquent les données dont l'accès est restreint qu'aux personnes de "
    "leurs services qui en ont besoin pour les finalités convenues, et préservent le secret des affaires et le "
    "secret statistique attachés aux informations échangées.",
    "amendment_procedure": "Toute modification de la présente convention, y compris l'ajout ou le retrait d'un "
    "jeu de données, fait l'objet d'un avenant signé par l'ensemble des parties, après examen par l'instance "
    "de gouvernance du partenariat de données.",
    "accession_and_withdrawal": {
        "accession_procedure": "Tout partenaire du contrat de ville peut adhérer à la présente convention par un "
        "acte d'adhésion signé par lui et par le coordinateur, après accord de l'instance de gouvernance.",
        "withdrawal_notice": "P3M",
        "withdrawal_effects": "La partie qui se retire cesse de recevoir des données ; elle supprime les données "
        "à accès restreint reçues et en atteste auprès des producteurs.",
    },
}
